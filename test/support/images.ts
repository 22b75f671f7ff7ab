// Images for photo tests, made with sharp: no photo files are committed, and none are invented for the demo.
import sharp from 'sharp';

export type ImageFormat = 'jpeg' | 'png' | 'webp';

/** A picture of `width` × `height` in `format`: a gradient with a coloured block, so each one differs by `seed`. */
export async function testImage(format: ImageFormat, width: number, height: number, seed = 0): Promise<Buffer> {
  const block = await sharp({
    create: {
      width: Math.max(1, Math.floor(width / 3)),
      height: Math.max(1, Math.floor(height / 3)),
      channels: 3,
      background: { r: (seed * 47) % 256, g: 120, b: 200 },
    },
  })
    .png()
    .toBuffer();
  const image = sharp({
    create: { width, height, channels: 3, background: { r: 240, g: 200 - (seed % 100), b: 80 } },
  }).composite([{ input: block, left: Math.floor(width / 3), top: Math.floor(height / 3) }]);
  return image.toFormat(format).toBuffer();
}

/** An upload as the photo form sends it: the file under `photo`, then the alt text fields. */
export function photoForm(
  bytes: Buffer,
  alt: Record<string, string>,
  file = { name: 'photo.jpg', type: 'image/jpeg' },
): FormData {
  const form = new FormData();
  for (const [lang, text] of Object.entries(alt)) form.append(`alt.${lang}`, text);
  form.append('photo', new Blob([new Uint8Array(bytes)], { type: file.type }), file.name);
  return form;
}
