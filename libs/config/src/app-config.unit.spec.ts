import { ConfigError, parseConfig } from './app-config';

describe('where webhooks may go (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOWED_HOSTS)', () => {
  it('allows only https to public hosts unless told otherwise', () => {
    expect(parseConfig({}).callbackDestinations).toEqual({ allowHttp: false, allowedHosts: [] });
  });

  it('reads the flag and the comma-separated allowances', () => {
    const config = parseConfig({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: ' hooks.corp.internal, 10.20.0.0/16,,::1 ' });
    expect(config.callbackDestinations).toEqual({ allowHttp: true, allowedHosts: ['hooks.corp.internal', '10.20.0.0/16', '::1'] });
  });

  it('stops with a message naming each bad value', () => {
    let error: unknown;
    try {
      parseConfig({ WEBHOOK_ALLOW_HTTP: 'yes', WEBHOOK_ALLOWED_HOSTS: 'ok.example,10.0.0.0/40' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^WEBHOOK_ALLOW_HTTP: .*true or false/),
        expect.stringMatching(/^WEBHOOK_ALLOWED_HOSTS: .*10\.0\.0\.0\/40/),
      ]),
    );
  });
});

describe('rate limits (RATE_LIMIT)', () => {
  it('gives each key 300 requests a second unless told otherwise', () => {
    expect(parseConfig({}).rateLimit).toEqual({ limit: 300, windowMs: 1_000 });
  });

  it.each([
    ['20/1s', { limit: 20, windowMs: 1_000 }],
    ['6000/1m', { limit: 6_000, windowMs: 60_000 }],
    [' 100 / 500ms ', { limit: 100, windowMs: 500 }],
    ['off', null],
  ])('reads %j', (value, expected) => {
    expect(parseConfig({ RATE_LIMIT: value }).rateLimit).toEqual(expected);
  });

  it.each(['300', '0/1s', '10/0s', '10/1d', 'many'])('refuses %j, saying what it takes', (value) => {
    expect(() => parseConfig({ RATE_LIMIT: value })).toThrow(/RATE_LIMIT: must be <requests>\/<window> such as 300\/1s/);
  });
});

describe('webhook secrets (WEBHOOK_SECRET)', () => {
  it('takes the current secret, then the ones before it during a rotation', () => {
    expect(parseConfig({ WEBHOOK_SECRET: 'whsec_bmV3, whsec_b2xk' }).webhookSecrets).toEqual(['whsec_bmV3', 'whsec_b2xk']);
    expect(parseConfig({}).webhookSecrets).toEqual([]);
  });

  it('refuses a list with anything but whsec_ secrets', () => {
    expect(() => parseConfig({ WEBHOOK_SECRET: 'whsec_bmV3,secret' })).toThrow(/WEBHOOK_SECRET: must be whsec_<base64>/);
  });
});
