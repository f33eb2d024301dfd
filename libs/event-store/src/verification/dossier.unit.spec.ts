/** Offline dossier verification: a faithful dossier verifies, and each kind of alteration is named. */
import { chainEvent, GENESIS_HASH, type ChainedContent } from '../hash-chain';
import { policyFingerprint } from '../policy-registry';
import { checkpointSigner, generateSigningKey, signCheckpoint } from './checkpoint-signature';
import { DOSSIER_FORMAT, verifyDossier, type Dossier, type DossierEvent } from './dossier';
import { headInclusion, headsRoot, type StreamHead } from './stream-head';

const key = generateSigningKey();
const signer = checkpointSigner(key);
const streamId = 'complaint-6b1f0a52-0000-4000-8000-000000000001';
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
      data: position === 1 ? { policyVersion: policy.version, summary: 'המשלוח לא הגיע' } : { noteId: `n${position}`, text: 'ok' },
      actor: { principal: 'desk-1', role: 'intake' },
      occurredAt: '2026-11-24T10:00:00.000Z',
      recordedAt: '2026-11-24T10:00:00.123Z',
      previousHash,
    };
    const { canonical, hash } = chainEvent(content);
    const { streamId: _s, ...fields } = content;
    out.push({ ...fields, canonical, hash });
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
  return {
    format: DOSSIER_FORMAT,
    exportedAt: '2026-11-24T12:00:00.000Z',
    exportedBy: { principal: 'audit', role: 'auditor' },
    complaintId: '6b1f0a52-0000-4000-8000-000000000001',
    streamId,
    policyVersion: policy.version,
    policy: { version: policy.version, fingerprint: policyFingerprint(policy), document: policy },
    case: {},
    events: evs,
    chain: { hash: 'SHA-256 over RFC 8785 canonical JSON', genesis: GENESIS_HASH, version: count, headHash: evs[count - 1].hash },
    checkpoint: {
      ...statement,
      algorithm: 'Ed25519',
      signature: signCheckpoint(statement, signer),
      publicKey: signer.publicKeyPem,
      head: inclusion.head,
      leafIndex: inclusion.leafIndex,
      proof: inclusion.proof,
    },
  };
}

const kinds = (d: unknown, trusted = signer.publicKey) => verifyDossier(d, trusted).problems.map((p) => p.kind);

it('verifies a faithful dossier and says what it checked', () => {
  const result = verifyDossier(dossier(), signer.publicKey);
  expect(result).toMatchObject({ valid: true, eventsChecked: 4, problems: [], anchoredThrough: 3 });
  expect(result.checked.join('\n')).toMatch(/signature[\s\S]*inclusion[\s\S]*policy/);
});

it('names an edited event field, an edited canonical text and a dropped event', () => {
  const edited = dossier();
  (edited.events[1].data as { text: string }).text = 'changed';
  expect(kinds(edited)).toEqual(['content-mismatch']);

  const rehashed = dossier();
  rehashed.events[1].canonical = rehashed.events[1].canonical.replace('"ok"', '"changed"');
  expect(kinds(rehashed)).toEqual(['hash-mismatch', 'content-mismatch']);

  const dropped = dossier();
  dropped.events.splice(1, 1);
  expect(kinds(dropped)).toEqual(expect.arrayContaining(['position-gap', 'broken-link']));
});

it('names a cut-off tail and a forged or foreign checkpoint', () => {
  const cut = dossier();
  cut.events = cut.events.slice(0, 2);
  cut.chain = { ...cut.chain, version: 2, headHash: cut.events[1].hash };
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
});

it('verifies an unanchored dossier (no checkpoint yet) but anchors nothing', () => {
  const d = dossier();
  d.checkpoint = null;
  expect(verifyDossier(d)).toMatchObject({ valid: true, anchoredThrough: 0 });
});
