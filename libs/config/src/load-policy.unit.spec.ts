// The policy file as the API reads it at start-up: its notice templates come from the folder
// it names, next to it, and a template that cannot be sent stops the start, named.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPolicyFile } from './load-policy';
import { repoRoot } from './app-config';

describe('loadPolicyFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'policy-'));
    cpSync(path.join(repoRoot(), 'policies'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the templates from the folder next to the policy file', () => {
    const policy = loadPolicyFile(path.join(dir, 'default.yaml'));
    expect(Object.keys(policy.notices!.templates)).toEqual(['en', 'pl', 'he']);
    expect(policy.notices!.templates.he.direction).toBe('rtl');
  });

  it('refuses an operator’s edit that would send a customer an unfilled placeholder, naming the file and the field', () => {
    const file = path.join(dir, 'notices', 'pl.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Powód: {reason}', 'Powód: {reason} [WSTAW DATĘ]'));
    expect(() => loadPolicyFile(path.join(dir, 'default.yaml'))).toThrow(
      /^policy default\.yaml: notices\.templates\.pl\.promiseChanged\.text: fails the correspondence checks: unfilled template placeholder "\[WSTAW DATĘ\]"/,
    );
  });

  it('refuses a policy whose folder lacks a language it lists', () => {
    rmSync(path.join(dir, 'notices', 'he.yaml'));
    expect(() => loadPolicyFile(path.join(dir, 'default.yaml'))).toThrow(/notices\.templates\.he: cannot read notices\/he\.yaml/);
  });
});
