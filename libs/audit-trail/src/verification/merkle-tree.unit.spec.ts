/** The Merkle tree against the RFC 6962 / RFC 9162 reference vectors, and inclusion proofs for every leaf. */
import { createHash } from 'node:crypto';
import { inclusionProof, leafHash, merkleRoot, verifyInclusion } from './merkle-tree';

// The reference inputs and roots of Certificate Transparency's Merkle tree tests.
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) =>
  Buffer.from(hex, 'hex'),
);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const leaves = INPUTS.map((input) => leafHash(input));

it('computes the reference roots for 1 to 8 leaves, and SHA-256 of nothing for none', () => {
  expect(ROOTS.map((_, i) => merkleRoot(leaves.slice(0, i + 1)))).toEqual(ROOTS);
  expect(merkleRoot([])).toBe(createHash('sha256').digest('hex'));
});

it('proves every leaf of every tree size, and refuses a proof for another leaf, index, root or path', () => {
  for (let size = 1; size <= 8; size++) {
    const tree = leaves.slice(0, size);
    for (let index = 0; index < size; index++) {
      const proof = inclusionProof(tree, index);
      expect(verifyInclusion(tree[index], index, size, proof, ROOTS[size - 1])).toBe(true);
      expect(verifyInclusion(leafHash('not in the tree'), index, size, proof, ROOTS[size - 1])).toBe(false);
      if (size > 1) {
        expect(verifyInclusion(tree[index], (index + 1) % size, size, proof, ROOTS[size - 1])).toBe(false);
        expect(verifyInclusion(tree[index], index, size, proof, ROOTS[0])).toBe(false);
      }
      if (size < 8) expect(verifyInclusion(tree[index], index, size, [...proof, ROOTS[0]], ROOTS[size - 1])).toBe(false);
    }
  }
});

it('refuses indexes outside the tree', () => {
  expect(() => inclusionProof(leaves, 8)).toThrow(RangeError);
  expect(verifyInclusion(leaves[0], 3, 3, [], ROOTS[2])).toBe(false);
  expect(verifyInclusion(leaves[0], -1, 3, [], ROOTS[2])).toBe(false);
});
