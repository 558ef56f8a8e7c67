// "Sao chép" buttons: copy the text of the element named by data-copy. Without JS the text stays selectable.
"use strict";
document.querySelectorAll("button[data-copy]").forEach((button) => { button.hidden = false; });
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  const status = document.querySelector(".copy-status");
  try {
    await navigator.clipboard.writeText(source.textContent);
    status.textContent = "Đã sao chép.";
  } catch (error) {
    window.getSelection().selectAllChildren(source);  // let the reader press Ctrl+C
    status.textContent = "Không sao chép được: văn bản đã được chọn, hãy nhấn Ctrl+C.";
  }
});
