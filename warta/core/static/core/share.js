/* The "copy link" button of the share links: without JS it is a plain link to the page. */
(function () {
  document.querySelectorAll("a.share-copy").forEach(function (link) {
    if (!navigator.clipboard) return;
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.href).then(function () {
        var status = link.parentNode.querySelector(".share-status");
        if (status) status.textContent = link.dataset.copied;
      });
    });
  });
})();
