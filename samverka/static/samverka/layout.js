/* Samverka layout enhancements. Every page works without this file:
 * - menus are <details> disclosures (open on wide screens; this script closes them on narrow ones);
 * - on wide screens the section menus behave as drop-downs: one open at a time, Escape and a click
 *   elsewhere close them;
 * - every table in the page gets a scrolling wrapper; a wrapper that actually scrolls becomes a
 *   labelled, focusable region so that keyboard users can scroll it (WCAG 2.1.1, 1.4.10).
 * Loaded right after the header (not deferred) so that menus are closed before the page is painted.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var narrow = window.matchMedia("(max-width: 47.99rem)");

  function collapsibles() {
    return document.querySelectorAll("details[data-narrow-collapse]");
  }
  function dropdowns() {
    return document.querySelectorAll("details[data-dropdown]");
  }
  function fitMenus() {
    collapsibles().forEach(function (menu) {
      if (narrow.matches) menu.removeAttribute("open");
      else menu.setAttribute("open", "");
    });
    dropdowns().forEach(function (menu) {
      // On a phone the current section starts open inside the closed menu; on a wide screen all start closed.
      var current = menu.parentElement && menu.parentElement.classList.contains("is-current");
      if (narrow.matches && current) menu.setAttribute("open", "");
      else menu.removeAttribute("open");
    });
  }
  fitMenus();
  if (narrow.addEventListener) narrow.addEventListener("change", fitMenus);

  document.addEventListener(
    "toggle",
    function (event) {
      var opened = event.target;
      // On a phone the site menu and the space menu open over each other: one at a time.
      if (opened.matches && opened.matches("details[data-narrow-collapse]") && opened.open && narrow.matches) {
        collapsibles().forEach(function (other) {
          if (other !== opened) other.removeAttribute("open");
        });
        return;
      }
      if (!opened.matches || !opened.matches("details[data-dropdown]") || !opened.open || narrow.matches) return;
      dropdowns().forEach(function (other) {
        if (other !== opened) other.removeAttribute("open");
      });
    },
    true
  );
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || narrow.matches) return;
    dropdowns().forEach(function (menu) {
      if (menu.open) {
        menu.removeAttribute("open");
        menu.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (narrow.matches) return;
    dropdowns().forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) menu.removeAttribute("open");
    });
  });

  // --- tables -------------------------------------------------------------------------------
  var counter = 0;

  function labelFor(table) {
    var caption = table.querySelector("caption");
    if (caption) {
      if (!caption.id) caption.id = "table-caption-" + ++counter;
      return { by: caption.id };
    }
    if (table.getAttribute("aria-labelledby")) return { by: table.getAttribute("aria-labelledby") };
    if (table.getAttribute("aria-label")) return { text: table.getAttribute("aria-label") };
    var heading = null;
    var node = table;
    while (node && !heading) {
      var sibling = node.previousElementSibling;
      while (sibling && !heading) {
        if (/^H[1-6]$/.test(sibling.tagName)) heading = sibling;
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
      if (node && node.tagName === "MAIN") break;
    }
    if (heading) {
      if (!heading.id) heading.id = "table-heading-" + ++counter;
      return { by: heading.id };
    }
    return { text: document.documentElement.lang === "sv" ? "Tabell" : "Table" };
  }

  function fitWrapper(wrapper) {
    var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
    if (scrolls) {
      var table = wrapper.querySelector("table");
      var label = table ? labelFor(table) : { text: "Table" };
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("tabindex", "0");
      if (label.by) wrapper.setAttribute("aria-labelledby", label.by);
      else wrapper.setAttribute("aria-label", label.text);
      wrapper.classList.add("is-scrolling");
    } else {
      // A wrapper whose table fits is no region and no tab stop.
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("tabindex");
      wrapper.removeAttribute("aria-labelledby");
      wrapper.removeAttribute("aria-label");
      wrapper.classList.remove("is-scrolling");
    }
  }

  function wrapTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".table-scroll") || table.closest("[data-no-scroll-wrapper]")) return;
      var wrapper = document.createElement("div");
      wrapper.className = "table-scroll";
      wrapper.setAttribute("data-enhanced", "");
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
    });
    var wrappers = document.querySelectorAll("main .table-scroll");
    wrappers.forEach(fitWrapper);
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          fitWrapper(entry.target);
        });
      });
      wrappers.forEach(function (wrapper) {
        observer.observe(wrapper);
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wrapTables);
  else wrapTables();
  document.addEventListener("htmx:afterSwap", wrapTables);
})();
