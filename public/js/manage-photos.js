// The photo upload, enhanced: a preview of the chosen picture, a file too large or of another type refused before
// it is sent (the server checks again, by content), and the button saying the upload is under way.
const form = document.querySelector('form.photo-upload');
const strings = JSON.parse(document.getElementById('photo-strings')?.textContent ?? '{}');

if (form) {
  const input = form.querySelector('input[type="file"]');
  const preview = form.querySelector('.photo-preview');
  const button = form.querySelector('button[type="submit"]');
  const maxBytes = Number(form.dataset.maxBytes);
  const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

  const problemOf = (file) => {
    if (!file) return '';
    if (file.size > maxBytes) return strings.tooLarge;
    if (file.type && !TYPES.includes(file.type)) return strings.type;
    return '';
  };

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    const problem = problemOf(file);
    // The browser's own message, shown on submit and read out with the field.
    input.setCustomValidity(problem);
    if (problem) input.reportValidity();
    preview.hidden = true;
    if (!file || problem) return;
    // A data: address, which the content security policy already allows for images (a blob: one it does not).
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      preview.src = String(reader.result);
      preview.hidden = false;
    });
    reader.readAsDataURL(file);
  });

  const idle = button.textContent;
  form.addEventListener('submit', () => {
    button.disabled = true;
    button.textContent = button.dataset.busy;
  });
  // Coming back to the page from the browser's history shows the button ready again.
  window.addEventListener('pageshow', () => {
    button.disabled = false;
    button.textContent = idle;
  });
}
