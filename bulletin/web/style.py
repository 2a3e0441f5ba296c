"""The pages' stylesheet, inlined so each page is one self-contained file that works offline.

Readers have low vision: text starts at 1.25rem (20 px at the browser default) and scales with
the user's own setting because everything is in rem/em; lines stay short (about 40 em) and loose
(1.5); colours pass WCAG AAA contrast (7:1) and the focus ring is thick and two-toned so it shows
on any background.
"""

CSS = """
:root { color-scheme: light; }
html { font-size: 125%; }
body {
  margin: 0; color: #111; background: #fff; line-height: 1.5;
  font-family: "Atkinson Hyperlegible", "Noto Sans", Verdana, Arial, sans-serif;
  overflow-wrap: break-word;
}
.wrap { max-width: 40em; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 2px solid #111; padding: 0.75rem 0; }
header p { margin: 0; font-weight: bold; }
main { padding: 0.5rem 0 2rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2rem 0 0.5rem; }
h3, h4, h5, h6 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
p, li { margin: 0 0 0.75em; }
.deck { font-size: 1.25rem; margin-top: 0; }
.meta { color: #333; }
a { color: #0a3a8c; text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: #5a1a7a; }
:focus-visible, a:focus, summary:focus, audio:focus {
  outline: 4px solid #111; outline-offset: 3px; box-shadow: 0 0 0 7px #ffd23f;
}
.skip { position: absolute; left: -9999px; top: 0; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; z-index: 1; }
.help { border: 4px solid #111; background: #fff4c2; padding: 0.5rem 1rem 0.75rem; margin: 1.5rem 0; }
.help h2, .media h2 { margin-top: 0.75rem; }
.help ul { list-style: none; padding: 0; margin: 0; }
.help li { font-size: 1.25rem; }
.help a { font-weight: bold; }
.media { border: 2px solid #555; padding: 0 1rem 0.75rem; margin: 1.5rem 0; }
audio { display: block; width: 100%; margin: 0.5rem 0; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 4px solid #555; }
.picture { font-style: normal; border: 2px dashed #555; padding: 0.5rem; }
details { margin: 1rem 0; }
summary { cursor: pointer; font-weight: bold; padding: 0.25rem 0; }
.transcript { white-space: normal; }
.bulletins { list-style: none; padding: 0; }
.bulletins > li { border-top: 2px solid #555; padding-top: 0.5rem; margin-bottom: 1.5rem; }
footer { border-top: 2px solid #111; padding: 0.75rem 0 2rem; color: #333; }
@media print { .skip, audio { display: none; } }
"""
