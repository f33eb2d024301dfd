/**
 * Which parts of a JSON document a verification vouched for. Each check marks what it
 * proved (a value and everything under it); a check may also leave a part it knows
 * unproved, with its reason. `unverifiedParts` then walks the whole document and names
 * every part no check marked, at the highest level where nothing below is marked, so
 * anything a reader might trust that no check covers (an unknown member at any depth
 * included) is named, never silently passed over. Parts are named by RFC 6901 JSON Pointer.
 */
export type JsonPath = readonly (string | number)[];

export interface UnverifiedPart {
  /** RFC 6901 JSON Pointer of the part ('' is the whole document) */
  pointer: string;
  reason: string;
}

/** The RFC 6901 JSON Pointer of a path. */
export function jsonPointer(path: JsonPath): string {
  return path.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export class JsonCoverage {
  private readonly verified = new Set<string>();
  private readonly left = new Map<string, string>();
  /** pointers of every value with a marked part somewhere below it */
  private readonly aboveMarks = new Set<string>();

  /** A check proved the value at this path, and everything under it. */
  verify(path: JsonPath): void {
    this.mark(path);
    this.verified.add(jsonPointer(path));
  }

  /** A check knows this part and leaves it unproved, for this reason. */
  leaveUnverified(path: JsonPath, reason: string): void {
    this.mark(path);
    this.left.set(jsonPointer(path), reason);
  }

  /** Every part of `document` no check proved; `unknownReason` for parts no check knew. */
  unverifiedParts(document: unknown, unknownReason: string): UnverifiedPart[] {
    const parts: UnverifiedPart[] = [];
    const walk = (value: unknown, pointer: string) => {
      if (this.verified.has(pointer)) return;
      const reason = this.left.get(pointer);
      if (reason !== undefined) {
        parts.push({ pointer, reason });
      } else if (typeof value === 'object' && value !== null && this.aboveMarks.has(pointer)) {
        for (const [key, child] of Object.entries(value)) walk(child, pointer + jsonPointer([key]));
      } else {
        parts.push({ pointer, reason: unknownReason });
      }
    };
    walk(document, '');
    return parts;
  }

  private mark(path: JsonPath): void {
    for (let depth = 0; depth < path.length; depth++) this.aboveMarks.add(jsonPointer(path.slice(0, depth)));
  }
}
