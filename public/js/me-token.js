// The new API token page: a copy button (the token stays selectable in its field without JavaScript).
for (const button of document.querySelectorAll('[data-copy-target]')) {
  const field = document.getElementById(button.dataset.copyTarget);
  const status = button.parentElement?.querySelector('[role="status"]');
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(field.value).then(
      () => {
        if (status) status.textContent = button.dataset.copied ?? '';
      },
      () => field.select(),
    );
  });
  field.addEventListener('focus', () => field.select());
}
