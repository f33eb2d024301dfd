/**
 * Reads the policy file named by the configuration and validates it (fail fast at start-up),
 * with the notice templates of a folder it names, relative to the policy file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePolicy, type Policy } from '../../domain/src';

export function loadPolicyFile(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`POLICY_FILE ${file}: cannot be read (${(error as Error).message})`);
  }
  return parsePolicy(text, path.basename(file), {
    readTemplates: (folder, language) => readFileSync(path.resolve(path.dirname(file), folder, `${language}.yaml`), 'utf8'),
  });
}
