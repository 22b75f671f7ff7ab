// A form shown again with errors: focus goes to its summary, so the reader hears first what to fix and where.
document.querySelector('.error-summary')?.focus();
