// Asks before buttons marked data-confirm submit their form. No inline scripts: the
// Content-Security-Policy allows only files from this site.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
