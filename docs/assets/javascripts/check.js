/* The file-check page (docs/<lang>/comprobar.md): the reader picks a file she
   received; the browser computes its SHA-256 (Web Crypto) and compares it with
   the list published with this version (downloads/SHA256SUMS.js, loaded before
   this script). Nothing is uploaded, nothing is stored: it works offline and
   from file://. Messages come from data-* attributes, in the page's language. */
(function () {
  "use strict";
  var box = document.querySelector("[data-file-check]");
  if (!box) return;
  var input = box.querySelector("input[type=file]");
  var result = box.querySelector(".file-check__result");
  var about = box.querySelector(".file-check__list");
  var digestOut = box.querySelector(".file-check__digest");
  var list = window.publishedSums;

  function say(key, values) {
    var text = box.getAttribute("data-" + key) || "";
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  function show(verdict, text) {
    result.setAttribute("data-verdict", verdict);
    result.textContent = text;
  }

  box.hidden = false;
  if (!list || !list.files) {
    input.disabled = true;
    show("no-list", say("no-list"));
    return;
  }
  var names = Object.keys(list.files);
  about.textContent = say("list", { version: list.version, built: list.built, n: names.length });
  var subtle = window.crypto && window.crypto.subtle;
  if (!subtle || !subtle.digest) {
    input.disabled = true;
    show("no-crypto", say("no-crypto"));
    return;
  }

  function read(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsArrayBuffer(file);
    });
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (byte) {
      return ("0" + byte.toString(16)).slice(-2);
    }).join("");
  }

  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    digestOut.textContent = "";
    if (!file) return;
    show("working", say("working"));
    read(file).then(function (data) {
      return subtle.digest("SHA-256", data);
    }).then(function (buffer) {
      var digest = hex(buffer);
      // The fingerprint decides, not the name: WhatsApp and Bluetooth often rename files.
      var match = names.filter(function (name) { return list.files[name] === digest; })[0];
      var values = { file: file.name, name: match || file.name, version: list.version };
      if (match) show("original", say("original", values));
      else if (Object.prototype.hasOwnProperty.call(list.files, file.name)) show("altered", say("altered", values));
      else show("unknown", say("unknown", values));
      digestOut.textContent = digest;
    }).catch(function () {
      show("no-crypto", say("no-crypto"));
    });
  });
})();
