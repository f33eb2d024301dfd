// Integration tests start real servers and wait on real workflows: allow them (and their
// hooks) two minutes. Timings are never asserted; benchmarks measure speed.
jest.setTimeout(120_000);
