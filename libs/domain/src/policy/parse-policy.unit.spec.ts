// Reading policy files: the shipped ones parse; bad ones name every bad field by path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parsePolicy as parseWithoutFiles, type PolicySources } from './parse-policy';
import { PolicyError } from './policy-error';

const policiesDir = join(__dirname, '../../../../policies');
const shipped = (name: string): string => readFileSync(join(policiesDir, name), 'utf8');
/** The shipped notice templates, read from the folder the policy names, as the policy file's loader does. */
const files: PolicySources = { readTemplates: (folder, language) => readFileSync(join(policiesDir, folder, `${language}.yaml`), 'utf8') };
const parsePolicy = (text: string, source: string) => parseWithoutFiles(text, source, files);

type Json = Record<string, unknown>;

/** The shipped default as plain data, to break in one place per test. */
function defaultData(): Json {
  return parseYaml(shipped('default.yaml')) as Json;
}

function at(data: Json, path: string): Json {
  return path.split('.').reduce<Json>((node, key) => node[key] as Json, data);
}

function errorOf(run: () => unknown): PolicyError {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

function issuesOf(data: unknown, source = 'bad.yaml'): PolicyError {
  return errorOf(() => parsePolicy(JSON.stringify(data), source));
}

describe('parsePolicy', () => {
  describe('shipped policies', () => {
    it('given policies/default.yaml, when parsed, then it is the realistic London default', () => {
      const policy = parsePolicy(shipped('default.yaml'), 'default.yaml');
      expect(policy.version).toBe('default-2026-12-2');
      expect(policy.calendar.timeZone).toBe('Europe/London');
      expect(policy.calendar.workingHours).toMatchObject({ fri: ['09:00', '17:00'] });
      expect(policy.calendar.closedDates).toEqual(['2026-12-24', '2026-12-31']);
      expect(policy.severities.normal).toEqual({
        acknowledge: 'PT1M',
        firstContact: 'P1D',
        updateInterval: 'P2D',
        resolution: 'P5D',
      });
      expect(policy.regulatory).toEqual({ finalResponse: 'P56D', counting: 'calendar', summaryResolution: 'P3D' });
      expect(policy.approvals[2]?.limits).toEqual({ EUR: null, GBP: null, USD: null });
    });

    it('given policies/test-fast.yaml, when parsed, then it is a 24x7 policy in seconds', () => {
      const policy = parsePolicy(shipped('test-fast.yaml'), 'test-fast.yaml');
      expect(policy.version).toBe('test-fast-3');
      expect(policy.calendar.workingHours).toBe('24x7');
      expect(policy.severities.normal.resolution).toBe('PT60S');
    });

    it('given the same policy as JSON, when parsed, then it equals the YAML reading', () => {
      const fromYaml = parsePolicy(shipped('default.yaml'), 'default.yaml');
      expect(parsePolicy(JSON.stringify(defaultData()), 'default.json')).toEqual(fromYaml);
    });
  });

  it('given extra fields anywhere, when parsed, then they are allowed and kept', () => {
    const data = defaultData();
    data['owner'] = 'complaints team';
    at(data, 'severities.normal')['note'] = 'most cases';
    const policy = parsePolicy(JSON.stringify(data), 'extra.json');
    expect(policy['owner']).toBe('complaints team');
    expect(policy.severities.normal['note']).toBe('most cases');
  });

  describe('invalid policies name the bad field', () => {
    it('given a bad duration, when parsed, then the message names its dotted path', () => {
      const data = defaultData();
      at(data, 'severities.high')['resolution'] = 'three days';
      const error = issuesOf(data, 'default.yaml');
      expect(error.message).toBe('policy default.yaml: severities.high.resolution: not an ISO 8601 duration');
      expect(error.issues).toEqual([{ path: 'severities.high.resolution', message: 'not an ISO 8601 duration' }]);
    });

    it('given a missing severity, then severities.<name> is required', () => {
      const data = defaultData();
      delete at(data, 'severities')['high'];
      expect(issuesOf(data).issues).toEqual([{ path: 'severities.high', message: 'required' }]);
    });

    it('given a missing duration of a severity, then that field is required', () => {
      const data = defaultData();
      delete at(data, 'severities.low')['firstContact'];
      expect(issuesOf(data).issues).toEqual([{ path: 'severities.low.firstContact', message: 'required' }]);
    });

    it('given an unknown time zone, then calendar.timeZone is named', () => {
      const data = defaultData();
      at(data, 'calendar')['timeZone'] = 'Europe/Londn';
      expect(issuesOf(data).issues).toEqual([{ path: 'calendar.timeZone', message: 'not a valid IANA time zone' }]);
    });

    it('given an unknown weekday key, then the key is named', () => {
      const data = defaultData();
      at(data, 'calendar.workingHours')['monday'] = ['09:00', '17:00'];
      const { issues } = issuesOf(data);
      expect(issues).toHaveLength(1);
      expect(issues[0]?.path).toBe('calendar.workingHours.monday');
      expect(issues[0]?.message).toMatch(/unknown weekday/);
    });

    it('given opening hours that end before they start, then the weekday is named', () => {
      const data = defaultData();
      at(data, 'calendar.workingHours')['tue'] = ['17:30', '09:00'];
      expect(issuesOf(data).issues).toEqual([
        { path: 'calendar.workingHours.tue', message: 'opening must be before closing' },
      ]);
    });

    it('given a malformed time of day, then the exact element is named', () => {
      const data = defaultData();
      at(data, 'calendar.workingHours')['wed'] = ['9am', '17:30'];
      expect(issuesOf(data).issues[0]?.path).toBe('calendar.workingHours.wed.0');
    });

    it('given working hours that are neither "24x7" nor weekdays, then workingHours says what it expects', () => {
      const data = defaultData();
      at(data, 'calendar')['workingHours'] = '24x5';
      const { issues } = issuesOf(data);
      expect(issues).toEqual([{ path: 'calendar.workingHours', message: expect.stringMatching(/"24x7"/) }]);
    });

    it('given a week without any working day, then workingHours is named', () => {
      const data = defaultData();
      at(data, 'calendar')['workingHours'] = {};
      expect(issuesOf(data).issues[0]?.path).toBe('calendar.workingHours');
    });

    it('given an unknown holiday country or state, then that field is named', () => {
      const country = defaultData();
      at(country, 'calendar')['holidays'] = { country: 'XX' };
      expect(issuesOf(country).issues[0]?.path).toBe('calendar.holidays.country');

      const state = defaultData();
      at(state, 'calendar')['holidays'] = { country: 'GB', state: 'XYZ' };
      expect(issuesOf(state).issues[0]).toEqual({
        path: 'calendar.holidays.state',
        message: expect.stringMatching(/unknown state "XYZ" for GB/),
      });
    });

    it('given an impossible closed date, then its index is named', () => {
      const data = defaultData();
      at(data, 'calendar')['closedDates'] = ['2026-12-24', '2026-02-30'];
      expect(issuesOf(data).issues).toEqual([{ path: 'calendar.closedDates.1', message: 'not a calendar date' }]);
    });

    it('given months in a working-time duration, then it is refused with a reason', () => {
      const data = defaultData();
      at(data, 'severities.low')['resolution'] = 'P1M';
      expect(issuesOf(data).issues).toEqual([
        { path: 'severities.low.resolution', message: expect.stringMatching(/months and years/) },
      ]);
    });

    it('given months in a calendar-counted final response, then it is accepted; business-counted, refused', () => {
      const calendar = defaultData();
      at(calendar, 'regulatory')['finalResponse'] = 'P2M';
      expect(parsePolicy(JSON.stringify(calendar), 'p.json').regulatory.finalResponse).toBe('P2M');

      const business = defaultData();
      at(business, 'regulatory')['finalResponse'] = 'P2M';
      at(business, 'regulatory')['counting'] = 'business';
      expect(issuesOf(business).issues[0]?.path).toBe('regulatory.finalResponse');
    });

    it('given warningAt outside (0, 1), then warningAt is named', () => {
      const data = defaultData();
      data['warningAt'] = 1;
      expect(issuesOf(data).issues[0]?.path).toBe('warningAt');
    });

    it('given a bad currency code or a negative limit, then the approval rung is named', () => {
      const data = defaultData();
      const rungs = data['approvals'] as Json[];
      rungs[0] = { role: 'agent', limits: { gbp: 5000 } };
      rungs[1] = { role: 'manager', limits: { GBP: -1 } };
      expect(issuesOf(data).issues).toEqual([
        { path: 'approvals.0.limits.gbp', message: 'expected an ISO 4217 currency code (3 capital letters)' },
        { path: 'approvals.1.limits.GBP', message: expect.stringMatching(/>=0/) },
      ]);
    });

    it('given an unknown category floor and an empty escalation ladder, then both are reported at once', () => {
      const data = defaultData();
      data['categories'] = { safety: { severityAtLeast: 'urgent' } };
      data['escalationLadder'] = [];
      const error = issuesOf(data);
      expect(error.issues.map((issue) => issue.path)).toEqual(['categories.safety.severityAtLeast', 'escalationLadder']);
      expect(error.message).toMatch(/^policy bad\.yaml: categories\.safety\.severityAtLeast: .*; escalationLadder: /);
    });

    it('given text that is not YAML or not a mapping, then the whole file is named', () => {
      expect(errorOf(() => parsePolicy('version: [unclosed', 'broken.yaml')).issues[0]?.path).toBe('(root)');
      expect(errorOf(() => parsePolicy('', 'empty.yaml')).issues).toEqual([
        { path: '(root)', message: 'expected a mapping of policy fields' },
      ]);
      expect(errorOf(() => parsePolicy('- a\n- b\n', 'list.yaml')).issues[0]?.path).toBe('(root)');
    });
  });
});
