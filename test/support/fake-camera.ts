// A camera for browser tests: Chromium's fake capture device fed with a Y4M file showing one QR code, so the
// check-in page's scanner reads a pass as it would from a phone's camera.
import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const QUIET_ZONE = 4;
/** Video levels of black and white in the Y plane, and the neutral chroma. */
const BLACK = 16;
const WHITE = 235;
const NEUTRAL = 128;

/** Writes a one-frame Y4M video of `text` as a QR code, centred on white, at `file`. */
export async function qrVideo(text: string, file: string): Promise<void> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = Math.floor(Math.min(WIDTH, HEIGHT) / (modules.size + 2 * QUIET_ZONE));
  if (scale < 2) throw new Error('the QR code is too dense for the fake camera');
  const side = modules.size * scale;
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, WHITE);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      if (modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * WIDTH + left + x] = BLACK;
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), NEUTRAL);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  await writeFile(file, Buffer.concat([header, Buffer.from('FRAME\n'), luma, chroma, chroma]));
}

/** The Chromium switches of a fake camera playing `file`, with the permission prompt answered yes. */
export const fakeCameraArgs = (file: string): string[] => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`,
];
