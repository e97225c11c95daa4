#!/usr/bin/env python3
"""Browser tests of `khabar html` pages in headless Chromium.

Drives Debian's `chromium` through the system `chromedriver` over the W3C WebDriver
protocol with the standard library only (no pip, no venv). Every check reads the live DOM
of a generated page and compares it with `khabar analyze` on the same input:

- every quote of the record is highlighted by `mark.q` elements whose text is its content;
- the speaker panel lists every speaker; the page's computed direction is rtl;
- hovering a quote shows the tooltip with its speaker; keyboard `n`/`p`/Escape work;
- no console errors, no CSP violation, no uncaught exception;
- the hostile text (`<script>`, `</p>`, `<img onerror>`, bidi controls) executes nothing:
  the sentinel global `__khabar_pwned` stays unset. A positive control first shows that the
  same text pasted raw into a page does set it, so the check can fail;
- print media hides the tooltip and key help and keeps the speaker numbers;
- the batch index links every page.

Usage: html_browser_test.py --khabar target/debug/khabar [--screenshot docs/html-view.png]
Ends with the line "N passed, M failed"; exit status 1 on any failure.
"""

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ["corpus/articles/seed_style.txt", "corpus/html/hostile.txt", "corpus/html/nested.txt"]
ELEMENT = "element-6066-11e4-a52f-4ae735b4d8df"

# Installed before any page script: records errors, CSP violations and console.error calls.
HOOK = """
window.__khabar_test_errors = [];
window.addEventListener('error', e => window.__khabar_test_errors.push('error: ' + e.message));
window.addEventListener('unhandledrejection', e => window.__khabar_test_errors.push('rejection: ' + e.reason));
document.addEventListener('securitypolicyviolation',
  e => window.__khabar_test_errors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI));
const __err = console.error.bind(console);
console.error = (...a) => { window.__khabar_test_errors.push('console: ' + a.join(' ')); __err(...a); };
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, chromedriver, chromium):
        port = free_port()
        self.proc = subprocess.Popen(
            [chromedriver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if self.req("GET", "/status")["value"].get("ready"):
                    break
            except (OSError, RuntimeError):
                pass
            time.sleep(0.1)
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": [
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--window-size=1400,1000",
                            "--hide-scrollbars",
                            "--force-device-scale-factor=1",
                        ],
                    },
                    "goog:loggingPrefs": {"browser": "ALL"},
                    "unhandledPromptBehavior": "accept",
                }
            }
        }
        self.sid = self.req("POST", "/session", caps)["value"]["sessionId"]
        self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})

    def req(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        r = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(r, timeout=120) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.read().decode(errors='replace')[:500]}")

    def s(self, method, path, body=None):
        return self.req(method, f"/session/{self.sid}{path}", body)["value"]

    def cdp(self, cmd, params):
        return self.s("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params})

    def get(self, url):
        self.s("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def browser_log(self):
        """Console entries since the last call, or None when chromedriver has no log API."""
        try:
            return self.s("POST", "/se/log", {"type": "browser"})
        except RuntimeError:
            return None

    def move_to(self, x, y):
        self.s("POST", "/actions", {"actions": [{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "duration": 0, "origin": "viewport",
                         "x": int(x), "y": int(y)}]}]})

    def key(self, k):
        self.s("POST", "/actions", {"actions": [{
            "type": "key", "id": "kbd",
            "actions": [{"type": "keyDown", "value": k}, {"type": "keyUp", "value": k}]}]})

    def screenshot(self, path):
        Path(path).write_bytes(base64.b64decode(self.s("GET", "/screenshot")))

    def quit(self):
        try:
            self.req("DELETE", f"/session/{self.sid}")
        except Exception:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def shown(s):
    """What the page's text shows for `s` (the HTML parser's CR handling; characters no
    valid page may hold become U+FFFD)."""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for c in s:
        o = ord(c)
        if c in "\t\n\x0c":
            out.append(c)
        elif o < 0x20 or 0x7F <= o <= 0x9F or 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE:
            out.append("\ufffd")
        else:
            out.append(c)
    return "".join(out)


class Run:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name} {detail}")


PAGE_STATE = """
const quotes = {};
const highlighted = {};
for (const m of document.querySelectorAll('mark.q[data-q]')) {
  const q = m.getAttribute('data-q');
  quotes[q] = (quotes[q] || '') + m.textContent;
  const cs = getComputedStyle(m);
  const filled = cs.backgroundColor !== 'rgba(0, 0, 0, 0)' && cs.backgroundColor !== 'transparent';
  highlighted[q] = (highlighted[q] === undefined ? true : highlighted[q]) && (filled || cs.borderBottomStyle !== 'none');
}
return {
  dir: getComputedStyle(document.documentElement).direction,
  textDir: getComputedStyle(document.querySelector('article.text') || document.body).direction,
  lang: document.documentElement.lang,
  quotes, highlighted,
  speakers: [...document.querySelectorAll('.panel section.spk[data-e] .name')].map(e => e.textContent),
  panelLinks: [...document.querySelectorAll('.panel a[href^="#q"]')].map(a => a.getAttribute('href')),
  firsts: [...document.querySelectorAll('mark.q.first')].map(m => m.getAttribute('data-q')),
  pwned: typeof window.__khabar_pwned,
  errors: window.__khabar_test_errors || ['hook missing'],
  scripts: document.scripts.length,
};
"""

TIP = """
const t = document.getElementById('tip');
return {visible: !!t && !t.hidden && getComputedStyle(t).display !== 'none', text: t ? t.textContent : ''};
"""

POINT_OF = """
const m = document.querySelector('mark.q.first[data-q="' + arguments[0] + '"]');
m.scrollIntoView({block: 'center'});
const r = m.getClientRects()[0];
const x = r.left + r.width / 2, y = r.top + r.height / 2;
const hit = document.elementFromPoint(x, y);
return {x, y, hits: !!hit && hit.closest('mark.q') !== null};
"""


def away(d):
    """Move the mouse onto the page's heading (off every quote)."""
    h1 = d.js("window.scrollTo(0, 0); const r = document.querySelector('h1').getClientRects()[0];"
              "return {x: r.left + r.width / 2, y: r.top + r.height / 2};")
    d.move_to(h1["x"], h1["y"])


def severe(log):
    return [e for e in (log or []) if e.get("level") == "SEVERE"]


def check_page(run, d, url, rec, name):
    d.browser_log()  # drop older entries
    d.get(url)
    st = d.js(PAGE_STATE)
    run.check(f"{name}: computed direction rtl", st["dir"] == "rtl" and st["textDir"] == "rtl",
              f"{st['dir']}/{st['textDir']}")
    run.check(f"{name}: lang ar", st["lang"] == "ar")
    quotes = rec["quotes"]
    want = {str(i): shown(q["content"]["text"]) for i, q in enumerate(quotes)}
    bad = [i for i in want if st["quotes"].get(i) != want[i]]
    run.check(f"{name}: all {len(quotes)} quotes highlighted with their content",
              len(quotes) > 0 and not bad and len(st["quotes"]) == len(quotes),
              f"mismatched {bad[:5]}: {[(st['quotes'].get(i), want[i]) for i in bad[:2]]}")
    run.check(f"{name}: highlights are visible",
              all(st["highlighted"].get(i) for i in want), str(st["highlighted"]))
    names = [shown(s["name"]) for s in rec["speakers"]]
    run.check(f"{name}: speaker panel lists all {len(names)} speakers", st["speakers"] == names,
              f"{st['speakers']} != {names}")
    run.check(f"{name}: panel links every quote",
              sorted(st["panelLinks"]) == sorted(f"#q{i}" for i in range(len(quotes))))
    run.check(f"{name}: only the page's own script", st["scripts"] == 1, str(st["scripts"]))

    # Hover: the tooltip shows the speaker of each of the first quotes.
    hover_ok, detail = True, ""
    for i, q in enumerate(quotes[:4]):
        away(d)
        p = d.js(POINT_OF, str(i))
        d.move_to(p["x"], p["y"])
        tip = d.js(TIP)
        who = q["speaker"]["name"] if q.get("speaker") else "غير معروف"
        if not (p["hits"] and tip["visible"] and who in tip["text"]):
            hover_ok, detail = False, f"quote {i}: {p} {tip}"
            break
    run.check(f"{name}: hovering a quote shows its speaker in the tooltip", hover_ok, detail)
    away(d)
    run.check(f"{name}: moving away hides the tooltip", not d.js(TIP)["visible"])

    # Keyboard: n, n, p go through the quotes in text order; Escape hides the tooltip.
    d.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    seq = []
    for k in ["n", "n", "p"]:
        d.key(k)
        seq.append(d.js("const a = document.activeElement;"
                        "return a && a.matches('mark.q') ? a.getAttribute('data-q') : null;"))
    firsts = st["firsts"]
    exp = [firsts[0], firsts[1 % len(firsts)], firsts[0]] if firsts else [None] * 3
    run.check(f"{name}: keys n/n/p move the focus through the quotes", seq == exp, f"{seq} != {exp}")
    shown_tip = d.js(TIP)["visible"]
    d.key("\ue00c")  # Escape
    run.check(f"{name}: focus shows the tooltip, Escape hides it",
              shown_tip and not d.js(TIP)["visible"])

    # Print: no tooltip or key help, speaker numbers kept.
    d.cdp("Emulation.setEmulatedMedia", {"media": "print"})
    pr = d.js("""
      const m = document.querySelector('mark.q.first');
      return {keys: getComputedStyle(document.querySelector('.keys')).display,
              tip: getComputedStyle(document.getElementById('tip')).display,
              num: m ? getComputedStyle(m, '::before').content : null,
              want: m ? JSON.stringify(m.getAttribute('data-n')) : null};""")
    d.cdp("Emulation.setEmulatedMedia", {"media": ""})
    run.check(f"{name}: print view hides help and tooltip, keeps speaker numbers",
              pr["keys"] == "none" and pr["tip"] == "none" and pr["num"] == pr["want"], str(pr))

    st = d.js(PAGE_STATE)
    run.check(f"{name}: sentinel global unset (nothing executed)", st["pwned"] == "undefined",
              st["pwned"])
    log = d.browser_log()
    errs = st["errors"] + [e["message"] for e in severe(log)]
    run.check(f"{name}: no console errors", not errs, str(errs[:3]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--khabar", required=True)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    ap.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    ap.add_argument("--screenshot", help="save a screenshot of the seed-style page here")
    args = ap.parse_args()
    khabar = str(Path(args.khabar).resolve())
    run = Run()
    tmp = Path(tempfile.mkdtemp(prefix="khabar-html-"))
    d = Driver(args.chromedriver, args.chromium)
    try:
        # Positive controls: the checks can fail. The hostile text pasted raw into a page
        # runs its script; a page that logs an error is caught.
        hostile = (ROOT / "corpus/html/hostile.txt").read_text(encoding="utf-8")
        raw = tmp / "raw.html"
        raw.write_text(f"<!DOCTYPE html><html><body><div>{hostile}</div></body></html>",
                       encoding="utf-8")
        d.get(raw.as_uri())
        run.check("control: raw hostile text does set the sentinel",
                  d.js("return typeof window.__khabar_pwned;") != "undefined")
        noisy = tmp / "noisy.html"
        noisy.write_text("<!DOCTYPE html><html><body><script>console.error('boom')</script>"
                         "</body></html>", encoding="utf-8")
        d.browser_log()
        d.get(noisy.as_uri())
        caught = d.js("return window.__khabar_test_errors;")
        log = d.browser_log()
        run.check("control: a console error is caught",
                  bool(caught) and (log is None or len(severe(log)) > 0), f"{caught} {log}")

        for case in CASES:
            name = Path(case).stem
            page = tmp / f"{name}.html"
            # Run from the repository with the relative path: the page shows it as the id.
            subprocess.run([khabar, "html", "-q", case, "-o", str(page)], check=True, cwd=ROOT)
            rec = json.loads(subprocess.run([khabar, "analyze", "-q", case], check=True, cwd=ROOT,
                                            capture_output=True, text=True).stdout)
            check_page(run, d, page.as_uri(), rec, name)
            if args.screenshot and case.endswith("seed_style.txt"):
                # The top of the page, a quote hovered (its tooltip showing).
                d.s("POST", "/window/rect", {"width": 1400, "height": 1150})
                d.get(page.as_uri())
                p = d.js("""window.scrollTo(0, 0);
                  const m = document.querySelector('mark.q.first[data-q="1"]');
                  const r = m.getClientRects()[0];
                  return {x: r.left + r.width / 2, y: r.top + r.height / 2};""")
                d.move_to(p["x"], p["y"])
                d.screenshot(args.screenshot)
                d.s("POST", "/window/rect", {"width": 1400, "height": 1000})
                print(f"screenshot: {args.screenshot}")

        # A batch: the index links every page, and the pages it links load cleanly.
        batch = tmp / "batch.jsonl"
        with batch.open("w", encoding="utf-8") as f:
            for i, case in enumerate(CASES):
                text = (ROOT / case).read_text(encoding="utf-8")
                f.write(json.dumps({"id": f"case-{i}", "text": text}, ensure_ascii=False) + "\n")
        site = tmp / "site"
        subprocess.run([khabar, "html", "-q", str(batch), "-o", str(site)], check=True)
        d.browser_log()
        d.get((site / "index.html").as_uri())
        links = d.js("return [...document.querySelectorAll('tbody a')].map(a => a.href);")
        run.check("index: links every page", len(links) == len(CASES), str(links))
        log = d.browser_log()
        run.check("index: no console errors",
                  not d.js("return window.__khabar_test_errors;") and not severe(log))
        if links:
            d.get(links[-1])
            back = d.js("const a = document.querySelector('nav a'); return a && a.href;")
            run.check("page: links back to the index", back == (site / "index.html").as_uri(),
                      str(back))
    finally:
        d.quit()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{run.passed} passed, {run.failed} failed")
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
