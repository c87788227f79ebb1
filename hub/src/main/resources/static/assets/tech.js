// GridGuard technician screens: copy the enrolment command. No build step.
(function () {
  'use strict';
  document.querySelectorAll('.tech-copy').forEach(function (button) {
    button.addEventListener('click', function () {
      var source = document.querySelector(button.dataset.copy);
      if (!source) { return; }
      var text = source.textContent;
      function done() { button.textContent = button.dataset.done; }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { select(source); });
      } else {
        select(source);
      }
    });
  });
  // no clipboard (plain http): select the text so Ctrl+C copies it
  function select(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
})();
