import { DataError } from '../../errors/errors.js';
import { type DType, type TypedArray, allocate } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';

/** `format` field of model.json. */
export const MODEL_FORMAT = 'lsml-model';
/** Version of the directory layout; bumped on incompatible changes. */
export const FORMAT_VERSION = 1;

/** Where one tensor lies in a .bin file. */
export interface TensorEntry {
  name: string;
  shape: number[];
  dtype: DType;
  /** Byte offset (a multiple of 8, so every typed array view is aligned). */
  offset: number;
  byteLength: number;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function checkEndianness(): void {
  // Typed arrays use the platform's byte order; the files are little-endian, as every platform Node runs on.
  if (!littleEndian) throw new DataError('lsml model files are little-endian; this platform is big-endian.');
}

/** Packs tensors into one byte array (raw little-endian values, 8-byte aligned) and its manifest. */
export function encodeTensors(named: readonly { name: string; value: Tensor }[]): {
  manifest: TensorEntry[];
  bytes: Uint8Array;
} {
  checkEndianness();
  const manifest: TensorEntry[] = [];
  let offset = 0;
  for (const { name, value } of named) {
    const byteLength = value.data.byteLength;
    manifest.push({ name, shape: [...value.shape], dtype: value.dtype, offset, byteLength });
    offset += Math.ceil(byteLength / 8) * 8;
  }
  const bytes = new Uint8Array(offset);
  named.forEach(({ value }, i) => {
    const d = value.data;
    bytes.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), (manifest[i] as TensorEntry).offset);
  });
  return { manifest, bytes };
}

/**
 * Unpacks tensors described by `manifest` from `bytes` (copied into fresh arrays).
 * @throws DataError when an entry lies outside the file or its size does not fit its shape and dtype.
 */
export function decodeTensors(manifest: readonly TensorEntry[], bytes: Uint8Array, file: string): Tensor[] {
  checkEndianness();
  return manifest.map((e) => {
    const size = e.shape.reduce((p, d) => p * d, 1);
    const out: TypedArray = allocate(e.dtype, size);
    if (out.byteLength !== e.byteLength || e.offset + e.byteLength > bytes.byteLength) {
      throw new DataError(
        `${file}: entry "${e.name}" (${e.dtype} ${JSON.stringify(e.shape)}, ${e.byteLength} bytes at ${e.offset}) does not fit the file (${bytes.byteLength} bytes); the file is truncated or does not belong to this model.json.`,
        { entry: e.name },
      );
    }
    new Uint8Array(out.buffer).set(bytes.subarray(e.offset, e.offset + e.byteLength));
    return new Tensor(out, e.shape);
  });
}
