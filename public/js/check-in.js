// The check-in page: scanning a pass with the camera, through the browser's BarcodeDetector where it reads QR codes,
// else jsQR served from our own origin. A decoded pass is put in the field and checked as if typed. Without a
// camera or this script, the code is typed.
const form = document.querySelector('.check-in-form');
const field = form?.querySelector('#pass');
const scanner = form?.querySelector('.scanner');
const verdict = document.getElementById('verdict');

// The verdict is what the manager came for: read it first.
verdict?.focus();

const SCAN_INTERVAL_MS = 200;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
}

/** A function that reads a QR code from the video's current frame, or undefined where none is seen. */
async function qrReader(decoderUrl) {
  if ('BarcodeDetector' in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.includes('qr_code')) {
        const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        return async (video) => (await detector.detect(video))[0]?.rawValue;
      }
    } catch {
      // Fall through to jsQR.
    }
  }
  if (!window.jsQR) await loadScript(decoderUrl);
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    if (!video.videoWidth) return undefined;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data;
  };
}

if (form && field && scanner && navigator.mediaDevices?.getUserMedia) {
  const start = scanner.querySelector('[data-scan-start]');
  const stop = scanner.querySelector('[data-scan-stop]');
  const video = scanner.querySelector('video');
  const status = scanner.querySelector('[role="status"]');
  let stream;
  let timer;
  scanner.hidden = false;

  const end = () => {
    clearTimeout(timer);
    stream?.getTracks().forEach((track) => track.stop());
    stream = undefined;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  };

  start.addEventListener('click', async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      const read = await qrReader(scanner.dataset.decoder);
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      start.hidden = true;
      stop.hidden = false;
      stop.focus();
      status.textContent = scanner.dataset.scanning;
      const tick = async () => {
        if (!stream) return;
        const text = await read(video).catch(() => undefined);
        if (text) {
          end();
          field.value = text;
          form.requestSubmit();
          return;
        }
        timer = setTimeout(tick, SCAN_INTERVAL_MS);
      };
      void tick();
    } catch {
      end();
      status.textContent = scanner.dataset.unavailable;
      field.focus();
    }
  });
  stop.addEventListener('click', () => {
    end();
    status.textContent = '';
    start.focus();
  });
}
