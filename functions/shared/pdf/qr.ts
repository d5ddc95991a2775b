import qrcode from 'qrcode-generator';

/** QR codes drawn on the documents (EPC payment QR, KSeF verification link). */

export interface QrMatrix {
  /** QR version 1–40; the matrix is 17 + 4 × version modules wide. */
  readonly version: number;
  readonly size: number;
  /** `dark[row][column]`. */
  readonly dark: readonly (readonly boolean[])[];
}

/** QR matrix of the payload in byte mode (its UTF-8 bytes), error correction M, the smallest version that fits. */
export function qrMatrix(payload: string): QrMatrix {
  const code = qrcode(0, 'M');
  // The library's byte mode takes each char code's low byte: hand it the UTF-8 bytes one per char.
  code.addData(Buffer.from(payload, 'utf8').toString('latin1'), 'Byte');
  code.make();
  const size = code.getModuleCount();
  const dark = Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => code.isDark(row, column)));
  return { version: (size - 17) / 4, size, dark };
}
