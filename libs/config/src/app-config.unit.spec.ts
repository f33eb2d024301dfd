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
