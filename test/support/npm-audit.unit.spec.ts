/** The reading of `npm audit --json`: its report (npm's documented shape) and a registry's refusal. */
import { auditVerdict } from './npm-audit';

const report = {
  auditReportVersion: 2,
  vulnerabilities: {
    'path-to-regexp': { name: 'path-to-regexp', severity: 'high', isDirect: false, via: [{ title: 'ReDoS in path-to-regexp', url: 'https://github.com/advisories/GHSA-xxxx' }], range: '<0.1.12' },
    express: { name: 'express', severity: 'high', isDirect: true, via: ['path-to-regexp'], range: '4.0.0 - 4.21.1' },
    cookie: { name: 'cookie', severity: 'low', isDirect: false, via: [{ title: 'cookie accepts out of bounds characters' }], range: '<0.7.0' },
  },
  metadata: { vulnerabilities: { info: 0, low: 1, moderate: 0, high: 2, critical: 0, total: 3 } },
};

it('names every package at high or critical, with what it comes through, and counts the rest', () => {
  expect(auditVerdict(JSON.stringify(report))).toEqual({
    audited: true,
    counts: { info: 0, low: 1, moderate: 0, high: 2, critical: 0 },
    blocking: [
      { name: 'path-to-regexp', severity: 'high', via: ['ReDoS in path-to-regexp'] },
      { name: 'express', severity: 'high', via: ['path-to-regexp'] },
    ],
  });
  expect(auditVerdict(JSON.stringify(report), 'critical')).toMatchObject({ audited: true, blocking: [] });
});

it('says when the registry did not audit (a mirror refusing the advisory endpoint) or npm printed no report', () => {
  const refused = { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '' } };
  expect(auditVerdict(JSON.stringify(refused))).toEqual({ audited: false, reason: `the registry did not audit: ${refused.message}` });
  expect(auditVerdict('npm error code ENOLOCK')).toMatchObject({ audited: false });
});
