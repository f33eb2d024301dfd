import fc from 'fast-check';
import { splitByEvents } from './screen-parts';

const heads = fc
  .array(fc.integer({ min: 0, max: 500 }), { maxLength: 60 })
  .map((versions) => versions.map((version, i) => ({ streamId: `s-${String(i).padStart(3, '0')}`, version, headHash: 'h' })));

describe('splitByEvents', () => {
  it('cuts the ordered heads into at most that many contiguous ranges that cover them all', () => {
    fc.assert(
      fc.property(heads, fc.integer({ min: 1, max: 8 }), (ordered, wanted) => {
        const parts = splitByEvents(ordered, wanted);
        expect(parts.length).toBeLessThanOrEqual(Math.max(1, Math.min(wanted, ordered.length)));
        expect(parts.flatMap((part) => part.recorded)).toEqual(ordered);
        expect(parts[0].range.from).toBeNull();
        expect(parts[parts.length - 1].range.to).toBeNull();
        parts.forEach((part, k) => {
          if (k > 0) expect(part.range.from).toBe(part.recorded[0].streamId);
          if (k + 1 < parts.length) expect(part.range.to).toBe(parts[k + 1].recorded[0].streamId);
        });
      }),
    );
  });

  it('gives each range about an equal share of the events', () => {
    const ordered = Array.from({ length: 1000 }, (_, i) => ({ streamId: `s-${String(i).padStart(4, '0')}`, version: 1 + (i % 7) * 50, headHash: 'h' }));
    const total = ordered.reduce((sum, head) => sum + head.version, 0);
    const parts = splitByEvents(ordered, 4);
    expect(parts).toHaveLength(4);
    for (const part of parts) {
      const events = part.recorded.reduce((sum, head) => sum + head.version, 0);
      expect(Math.abs(events - total / 4)).toBeLessThanOrEqual(301);
    }
  });
});
