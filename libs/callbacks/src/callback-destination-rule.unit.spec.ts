import { allowedHostProblem, CallbackDestinationRule } from './callback-destination-rule';

const noOwnAddresses = () => [];
const strict = new CallbackDestinationRule({ allowHttp: false, allowedHosts: [] }, noOwnAddresses);

describe('a callback URL on its face (intake and delivery)', () => {
  it.each([
    ['https://hooks.intake.example.com/complaints', 'a public name'],
    ['https://8.8.8.8/hooks', 'a public IPv4 address'],
    ['https://[2606:4700:4700::1111]/hooks', 'a public IPv6 address'],
    ['https://[::ffff:8.8.8.8]/hooks', 'the IPv4-mapped form of a public address'],
    ['https://[64:ff9b::808:808]/hooks', 'a public address through the NAT64 prefix'],
    ['https://172.32.0.1/', 'just above 172.16.0.0/12'],
    ['https://100.128.0.1/', 'just above carrier-grade NAT'],
    ['https://hooks.example.com:8443/a?b=c', 'a port and a query'],
  ])('accepts %s (%s)', (url) => {
    expect(strict.checkUrl(url)).toBeNull();
  });

  it.each([
    ['http://hooks.example.com/', 'http is not allowed'],
    ['ftp://hooks.example.com/', 'ftp is not allowed'],
    ['https://user:secret@hooks.example.com/', 'credentials'],
    ['https://user@hooks.example.com/', 'credentials'],
    ['https://127.0.0.1/', '127.0.0.1 is loopback'],
    ['https://127.1/', '127.0.0.1 is loopback'],
    ['https://2130706433/', '127.0.0.1 is loopback'],
    ['https://0x7f.0.0.1/', '127.0.0.1 is loopback'],
    ['https://017700000001/', '127.0.0.1 is loopback'],
    ['https://[::1]/', '::1 is loopback'],
    ['https://[::ffff:127.0.0.1]/', 'loopback (IPv4-mapped 127.0.0.1)'],
    ['https://[::127.0.0.1]/', 'loopback (IPv4-compatible 127.0.0.1)'],
    ['https://[::8.8.8.8]/', 'reserved (IPv4-compatible, deprecated)'],
    ['https://[64:ff9b::a00:5]/', 'private (NAT64 10.0.0.5)'],
    ['https://[2002:a00:5::]/', 'private (6to4 10.0.0.5)'],
    ['https://[::ffff:0:a00:5]/', 'private (IPv4-translated 10.0.0.5)'],
    ['https://10.0.0.5/', '10.0.0.5 is private'],
    ['https://172.16.0.1/', '172.16.0.1 is private'],
    ['https://172.31.255.254/', '172.31.255.254 is private'],
    ['https://192.168.1.10/', '192.168.1.10 is private'],
    ['https://[fd12:3456::1]/', 'private (unique local)'],
    ['https://[fc00::1]/', 'private (unique local)'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is link-local'],
    ['https://[fe80::1]/', 'fe80::1 is link-local'],
    ['https://224.0.0.251/', 'multicast'],
    ['https://[ff02::1]/', 'ff02::1 is multicast'],
    ['https://0.0.0.0/', '0.0.0.0 is unspecified'],
    ['https://0/', '0.0.0.0 is unspecified'],
    ['https://[::]/', ':: is unspecified'],
    ['https://255.255.255.255/', 'broadcast'],
    ['https://100.64.0.1/', 'carrier-grade NAT'],
    ['https://192.0.2.1/', 'reserved'],
    ['https://198.51.100.7/', 'reserved'],
    ['https://203.0.113.9/', 'reserved'],
    ['https://240.0.0.1/', 'reserved'],
    ['https://[2001:db8::1]/', 'reserved'],
    ['https://[4000::1]/', 'outside global unicast'],
    ['https://[64:ff9b:1::1]/', 'local-use NAT64'],
    ['https://localhost/', 'localhost is a local name'],
    ['https://LOCALHOST./', 'localhost is a local name'],
    ['https://api.localhost/', 'local name (.localhost)'],
    ['https://printer.local/', 'local name (.local)'],
    ['https://db.internal/', 'local name (.internal)'],
    ['https://nas.home.arpa/', 'local name (.home.arpa)'],
    ['https://intranet/', 'single-label name'],
    ['not a url', 'is not a URL'],
  ])('refuses %s: %s', (url, reason) => {
    expect(strict.checkUrl(url)).toContain(reason);
  });

  it('allows http only when configured to', () => {
    const development = new CallbackDestinationRule({ allowHttp: true, allowedHosts: [] }, noOwnAddresses);
    expect(development.checkUrl('http://hooks.example.com/')).toBeNull();
    expect(development.checkUrl('http://127.0.0.1/')).toContain('loopback');
  });

  it("refuses the engine's own interface addresses, read at each check", () => {
    let own = ['8.8.4.4', 'fe80::1'];
    const rule = new CallbackDestinationRule({ allowHttp: false, allowedHosts: [] }, () => own);
    expect(rule.checkUrl('https://8.8.4.4/')).toBe("8.8.4.4 is one of the engine's own addresses");
    expect(rule.checkUrl('https://[::ffff:8.8.4.4]/')).toContain("engine's own addresses");
    own = [];
    expect(rule.checkUrl('https://8.8.4.4/')).toBeNull();
  });
});

describe('hosts an operator allows (WEBHOOK_ALLOWED_HOSTS)', () => {
  const rule = new CallbackDestinationRule(
    { allowHttp: false, allowedHosts: ['hooks.corp.internal', 'Intake', '127.0.0.1', '10.20.0.0/16', 'fd00:1::/32'] },
    () => ['10.20.0.9'],
  );

  it.each([
    'https://hooks.corp.internal/x',
    'https://HOOKS.corp.internal./x',
    'https://intake:8080/x',
    'https://127.0.0.1:9000/x',
    'https://10.20.3.4/x',
    'https://10.20.0.9/x',
    'https://[::ffff:10.20.3.4]/x',
    'https://[fd00:1::5]/x',
  ])('accepts %s', (url) => {
    expect(rule.checkUrl(url)).toBeNull();
  });

  it.each([
    ['https://other.corp.internal/x', 'local name'],
    ['https://127.0.0.2/x', 'loopback'],
    ['https://10.21.0.1/x', 'private'],
    ['https://[fd00:2::5]/x', 'unique local'],
    ['http://hooks.corp.internal/x', 'http is not allowed'],
    ['https://u:p@hooks.corp.internal/x', 'credentials'],
  ])('still refuses %s (%s)', (url, reason) => {
    expect(rule.checkUrl(url)).toContain(reason);
  });

  it('trusts whatever an allowed name resolves to, and allowed ranges under any name', () => {
    expect(rule.checkResolved('hooks.corp.internal', ['10.99.0.1', '127.0.0.1'])).toBeNull();
    expect(rule.checkResolved('hooks.example.com', ['10.20.1.1'])).toBeNull();
    expect(rule.checkResolved('hooks.example.com', ['10.99.0.1'])).toBe('10.99.0.1 is private');
  });
});

describe('the addresses a name resolved to (delivery)', () => {
  it('checks every address, not only the first', () => {
    expect(strict.checkResolved('hooks.example.com', ['8.8.8.8', '2606:4700:4700::1111'])).toBeNull();
    expect(strict.checkResolved('hooks.example.com', ['8.8.8.8', '10.0.0.5'])).toBe('10.0.0.5 is private');
    expect(strict.checkResolved('hooks.example.com', ['::ffff:169.254.169.254'])).toContain('link-local');
  });

  it('refuses a name that resolved to nothing, and something that is not an address', () => {
    expect(strict.checkResolved('hooks.example.com', [])).toContain('no address');
    expect(strict.checkResolved('hooks.example.com', ['not-an-ip'])).toContain('not an IP address');
  });
});

describe('entries of WEBHOOK_ALLOWED_HOSTS', () => {
  it.each(['localhost', 'hooks.corp.internal', '127.0.0.1', '::1', '[::1]', '10.0.0.0/8', 'fd00::/8'])('accepts %s', (entry) => {
    expect(allowedHostProblem(entry)).toBeNull();
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'not a host', 'http://x.example', '300.1.1.1', '-bad-.example'])('names the problem with %s', (entry) => {
    expect(allowedHostProblem(entry)).toContain(entry);
  });

  it('cannot be used to build a rule when one is bad', () => {
    expect(() => new CallbackDestinationRule({ allowHttp: false, allowedHosts: ['10.0.0.0/33'] })).toThrow('WEBHOOK_ALLOWED_HOSTS');
  });
});
