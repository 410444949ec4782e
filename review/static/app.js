// Asks before buttons marked data-confirm submit their form. No inline scripts: the
// Content-Security-Policy allows only files from this site.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// The queue's filters are folded for a phone; on a wide screen there is room to show them.
document.addEventListener("DOMContentLoaded", () => {
  const filters = document.getElementById("filters");
  if (filters && window.matchMedia("(min-width: 761px)").matches) {
    filters.open = true;
  }
});
