/**
 * Offline dossier verification: a faithful dossier verifies, each kind of alteration is
 * named, every part is either proved or listed as unverified, and no single edit anywhere
 * passes silently.
 */
import { received } from '../../../../test/support/complaint-fixtures';
import { silentlyAccepted } from '../../../../test/support/json-tampering';
import { chainEvent, GENESIS_HASH, type ChainedContent, policyFingerprint } from '../../../event-store/src';
import { checkpointSigner, generateSigningKey, signCheckpoint } from './checkpoint-signature';
import { DOSSIER_CHAIN_RULE, DOSSIER_FORMAT, DOSSIER_FORMAT_V1, dossierCase, dossierEvent, type Dossier, type DossierEvent } from './dossier';
import { verifyDossier } from './dossier-verification';
import { headInclusion, headsRoot, type StreamHead } from './stream-head';

const key = generateSigningKey();
const signer = checkpointSigner(key);
const complaintId = '6b1f0a52-0000-4000-8000-000000000001';
const streamId = `complaint-${complaintId}`;
const policy = { version: 'default-2026-11', calendar: { timeZone: 'Europe/London', workingHours: '24x7' } };

function events(count: number): DossierEvent[] {
  const out: DossierEvent[] = [];
  let previousHash = GENESIS_HASH;
  for (let position = 1; position <= count; position++) {
    const content: ChainedContent = {
      streamId,
      position,
      id: `00000000-0000-4000-8000-00000000000${position}`,
      type: position === 1 ? 'ComplaintReceived' : 'NoteAdded',
      schemaVersion: 1,
      data: position === 1 ? { ...received.data, complaintId, policyVersion: policy.version } : { noteId: `n${position}`, text: 'ok' },
      actor: { principal: position === 1 ? 'desk-1' : 'alice', role: position === 1 ? 'intake' : 'agent' },
      occurredAt: `2026-11-24T10:0${position}:00.000Z`,
      recordedAt: `2026-11-24T10:0${position}:00.123Z`,
      previousHash,
    };
    const { canonical, hash } = chainEvent(content);
    out.push(dossierEvent(canonical, hash));
    previousHash = hash;
  }
  return out;
}

function dossier(count = 4, checkpointedVersion = 3): Dossier {
  const evs = events(count);
  const heads: StreamHead[] = [
    { streamId: 'complaint-other-1', version: 2, headHash: '1'.repeat(64) },
    { streamId, version: checkpointedVersion, headHash: evs[checkpointedVersion - 1].hash },
    { streamId: 'complaint-zz', version: 9, headHash: '2'.repeat(64) },
  ];
  const statement = { id: 'c0ffee00-0000-4000-8000-000000000000', createdAt: '2026-11-24T11:00:00.000Z', root: headsRoot(heads), streamCount: heads.length };
  const inclusion = headInclusion(heads, streamId)!;
  return JSON.parse(
    JSON.stringify({
      format: DOSSIER_FORMAT,
      exportedAt: '2026-11-24T12:00:00.000Z',
      exportedBy: { principal: 'audit', role: 'auditor' },
      complaintId,
      streamId,
      policyVersion: policy.version,
      policy: { version: policy.version, fingerprint: policyFingerprint(policy), document: policy },
      case: dossierCase(evs),
      events: evs,
      chain: { hash: DOSSIER_CHAIN_RULE, genesis: GENESIS_HASH, version: count, headHash: evs[count - 1].hash },
      checkpoint: {
        ...statement,
        algorithm: 'Ed25519',
        signature: signCheckpoint(statement, signer),
        publicKey: signer.publicKeyPem,
        head: inclusion.head,
        leafIndex: inclusion.leafIndex,
        proof: inclusion.proof,
      },
    } satisfies Dossier),
  ) as Dossier;
}

const kinds = (d: unknown, trusted = signer.publicKey) => verifyDossier(d, trusted).problems.map((p) => p.kind);
const unverified = (d: unknown, trusted = signer.publicKey) => verifyDossier(d, trusted).unverified.map((p) => p.pointer);

it('verifies a faithful dossier and says what it checked', () => {
  const result = verifyDossier(dossier(), signer.publicKey);
  expect(result).toMatchObject({ valid: true, format: DOSSIER_FORMAT, eventsChecked: 4, problems: [], anchoredThrough: 3 });
  expect(result.checked.join('\n')).toMatch(/signature[\s\S]*inclusion[\s\S]*policy/);
  expect(result.checked.join('\n')).toMatch(/the case \(version 4\): recomputed/);
});

it('names an edited event field, an edited canonical text and a dropped event', () => {
  const edited = dossier();
  (edited.events[1].data as { text: string }).text = 'changed';
  expect(kinds(edited)).toEqual(['content-mismatch']);

  const rehashed = dossier();
  rehashed.events[1].canonical = rehashed.events[1].canonical.replace('"ok"', '"changed"');
  expect(kinds(rehashed)).toEqual(['hash-mismatch', 'content-mismatch', 'case-mismatch']);

  const dropped = dossier();
  dropped.events.splice(1, 1);
  expect(kinds(dropped)).toEqual(expect.arrayContaining(['position-gap', 'broken-link']));
});

it('names a cut-off tail and a forged or foreign checkpoint', () => {
  const cut = dossier();
  cut.events = cut.events.slice(0, 2);
  cut.chain = { ...cut.chain, version: 2, headHash: cut.events[1].hash };
  cut.case = dossierCase(cut.events);
  expect(kinds(cut)).toEqual(['truncated-after-checkpoint']);

  const forged = dossier();
  forged.checkpoint!.root = 'f'.repeat(64);
  expect(kinds(forged)).toEqual(['bad-signature', 'checkpoint-mismatch']);

  const foreign = checkpointSigner(generateSigningKey());
  expect(kinds(dossier(), foreign.publicKey)).toEqual(['bad-signature']);
});

it('names a policy that does not match its fingerprint, and refuses what is not a dossier', () => {
  const d = dossier();
  d.policy = { ...d.policy!, document: { ...policy, version: 'other' } };
  expect(kinds(d)).toEqual(['policy-mismatch']);
  expect(kinds({ hello: 'world' })).toEqual(['malformed-dossier']);
  const shapeless = dossier() as unknown as { events: unknown[] };
  shapeless.events[2] = 'an event';
  expect(verifyDossier(shapeless).problems).toEqual([expect.objectContaining({ kind: 'malformed-dossier', detail: expect.stringContaining('/events/2') })]);
});

it('verifies an unanchored dossier (no checkpoint yet) but anchors nothing', () => {
  const d = dossier();
  d.checkpoint = null;
  expect(verifyDossier(d)).toMatchObject({ valid: true, anchoredThrough: 0 });
  expect(unverified(d)).toContain('/checkpoint');
});

describe('the case it carries', () => {
  it('must be what its events fold into: a different snapshot is named where it differs', () => {
    const d = dossier();
    d.case.notes[0].text = 'a kinder note';
    const result = verifyDossier(d, signer.publicKey);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'case-mismatch', detail: expect.stringContaining('/case/notes/0/text') })]);
  });

  it('must name the complaint and the policy version its events record', () => {
    const other = dossier();
    other.complaintId = '6b1f0a52-0000-4000-8000-000000000002';
    expect(kinds(other)).toEqual(['case-mismatch']);

    const policyVersion = dossier();
    policyVersion.policyVersion = 'other-2026-12';
    policyVersion.policy = { version: 'other-2026-12', fingerprint: policyFingerprint(policy), document: policy };
    expect(kinds(policyVersion)).toEqual(['policy-mismatch']);
  });

  it('is named when the events do not fold into a case', () => {
    const d = dossier(1, 1);
    const [only] = events(1);
    const content = { ...JSON.parse(only.canonical), type: 'NoteAdded', data: { noteId: 'n1', text: 'first' } } as ChainedContent;
    const { canonical, hash } = chainEvent(content);
    d.events = [dossierEvent(canonical, hash)];
    d.chain = { ...d.chain, headHash: hash };
    d.checkpoint = null;
    expect(verifyDossier(d).problems).toEqual([expect.objectContaining({ kind: 'case-mismatch', detail: expect.stringContaining('do not fold into a case') })]);
  });
});

describe('what is not verified', () => {
  it('lists every part no check covers: the export stamp and the unpinned policy document', () => {
    expect(unverified(dossier())).toEqual(['/exportedAt', '/exportedBy', '/policy/fingerprint', '/policy/document']);
  });

  it('lists an unknown member at any depth', () => {
    const d = dossier() as unknown as Record<string, any>;
    d.comment = 'all fine';
    d.events[2].verifiedBy = 'me';
    d.checkpoint.head.note = 'latest';
    expect(verifyDossier(d, signer.publicKey).valid).toBe(true);
    expect(unverified(d)).toEqual(expect.arrayContaining(['/comment', '/events/2/verifiedBy', '/checkpoint/head/note']));
  });

  it('lists the embedded public key when it is not the trusted key that checked the signature', () => {
    const d = dossier();
    expect(unverified(d)).not.toContain('/checkpoint/publicKey');
    d.checkpoint!.publicKey = checkpointSigner(generateSigningKey()).publicKeyPem;
    expect(verifyDossier(d, signer.publicKey)).toMatchObject({ valid: true, problems: [] });
    expect(unverified(d)).toContain('/checkpoint/publicKey');
    expect(verifyDossier(d).problems.map((p) => p.kind)).toEqual(['bad-signature']);
  });

  it('refuses a signature spelled with characters base64 decoding would skip', () => {
    const d = dossier();
    d.checkpoint!.signature += '\n';
    expect(kinds(d)).toEqual(['bad-signature']);
  });
});

describe('the older v1 format', () => {
  /** A v1 dossier as the first exporter wrote it: the API's view of the case, instants as the database spells them. */
  function v1(): Record<string, any> {
    const d = dossier() as unknown as Record<string, any>;
    d.format = DOSSIER_FORMAT_V1;
    d.case = { id: complaintId, status: 'acknowledged', breached: false };
    d.events[0].occurredAt = '2026-11-24T10:01:00Z';
    return d;
  }

  it('is verified but for its case and its instants spelled otherwise than the canonical text, which are listed as unverified', () => {
    const result = verifyDossier(v1(), signer.publicKey);
    expect(result).toMatchObject({ valid: true, format: DOSSIER_FORMAT_V1, problems: [] });
    expect(result.notes.join('\n')).toContain(`${DOSSIER_FORMAT_V1} is an older format`);
    expect(result.unverified.map((p) => p.pointer)).toEqual(expect.arrayContaining(['/case', '/events/0/occurredAt']));
  });

  it('still fails on a different instant, and a v2 dossier on any other spelling of the same instant', () => {
    const shifted = v1();
    shifted.events[0].occurredAt = '2026-11-24T10:01:01Z';
    expect(kinds(shifted)).toEqual(['content-mismatch']);
    const respelled = dossier();
    respelled.events[0].occurredAt = '2026-11-24T10:01:00Z';
    expect(kinds(respelled)).toEqual(['content-mismatch']);
  });
});

describe('no edit passes silently', () => {
  it.each([
    ['with a trusted public key', signer.publicKey],
    ['with the key inside the dossier', undefined],
  ])('every leaf edited, and a member added to every object, fails or is listed as unverified (%s)', async (_, trusted) => {
    const { tried, silent } = await silentlyAccepted(dossier(), (d) => verifyDossier(d, trusted));
    expect(silent).toEqual([]);
    expect(tried).toBeGreaterThan(100);
  });

  it('would catch a verifier that ignored a part, or did not list one', async () => {
    const faithful = dossier();
    const ignoringTheCase = (d: unknown) => verifyDossier({ ...(d as object), case: faithful.case }, signer.publicKey);
    expect((await silentlyAccepted(faithful, ignoringTheCase)).silent).toContain('a character appended to /case/notes/0/text');
    const silentAboutTheExport = (d: unknown) => {
      const result = verifyDossier(d, signer.publicKey);
      return { ...result, unverified: result.unverified.filter((p) => p.pointer !== '/exportedAt') };
    };
    expect((await silentlyAccepted(faithful, silentAboutTheExport)).silent).toContain('a character appended to /exportedAt');
  });
});
