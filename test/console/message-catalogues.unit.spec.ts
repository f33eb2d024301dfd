/**
 * The console's message catalogues: every message in English, Polish and Hebrew parses as ICU
 * MessageFormat, each translation uses exactly the arguments its English original does (a
 * missing {count} would print nothing; an extra one would print a raw placeholder), and every
 * plural has the categories its language's plural rules need (Polish: one, few, many; Hebrew:
 * one, two) besides `other`.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser' with { 'resolution-mode': 'import' };
import { en, type Catalogue, type MessageId } from '../../apps/console/src/i18n/messages-en';
import { he } from '../../apps/console/src/i18n/messages-he';
import { pl } from '../../apps/console/src/i18n/messages-pl';

// published as ES modules only: jest compiles it to CommonJS (see jest.config.js) and requires it
const parser = jest.requireActual<typeof import('@formatjs/icu-messageformat-parser', { with: { 'resolution-mode': 'import' } })>(
  '@formatjs/icu-messageformat-parser',
);

interface Shape {
  arguments: string[];
  plurals: { argument: string; categories: string[] }[];
}

function shapeOf(message: string): Shape {
  const { TYPE } = parser;
  const names = new Set<string>();
  const plurals: Shape['plurals'] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) {
        names.add(element.value);
      } else if (element.type === TYPE.select || element.type === TYPE.plural) {
        names.add(element.value);
        if (element.type === TYPE.plural) {
          plurals.push({ argument: element.value, categories: Object.keys(element.options).filter((option) => !option.startsWith('=')) });
        }
        Object.values(element.options).forEach((option) => walk(option.value));
      } else if (element.type === TYPE.tag) {
        walk(element.children);
      }
    }
  };
  walk(parser.parse(message));
  return { arguments: [...names].sort(), plurals };
}

it('parses every English message', () => {
  const unparsable = Object.entries(en).filter(([, message]) => {
    try {
      shapeOf(message);
      return false;
    } catch {
      return true;
    }
  });
  expect(unparsable).toEqual([]);
});

describe.each([
  ['pl', pl],
  ['he', he],
] as [string, Catalogue][])('the %s catalogue', (locale, catalogue) => {
  const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

  it('has every English key and no other', () => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the arguments of each English message, with complete plurals', () => {
    const problems: string[] = [];
    for (const id of Object.keys(en) as MessageId[]) {
      const original = shapeOf(en[id]);
      const translated = shapeOf(catalogue[id]);
      if (translated.arguments.join() !== original.arguments.join()) {
        problems.push(`${id}: arguments ${translated.arguments.join(', ')} instead of ${original.arguments.join(', ')}`);
      }
      for (const plural of translated.plurals) {
        const missing = needed.filter((category) => !plural.categories.includes(category));
        if (missing.length) problems.push(`${id}: the plural of ${plural.argument} lacks ${missing.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
