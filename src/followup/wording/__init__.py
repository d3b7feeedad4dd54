"""The wording stage: facts in, prose out.

notes -> context (facts) -> **wording** (``templates/languages/<lang>/<document>.jinja``
-> :class:`~followup.wording.prose.Prose`) -> layouts (html, docx, txt, eml) place it.

- :mod:`followup.wording.prose`: the block syntax a wording template writes, parsed;
- :mod:`followup.wording.fitting`: fitting note fragments into sentences, and
  telling which cannot be fitted (notes to self, pronouns about the reader);
- :mod:`followup.wording.language`: dates, money, lists, plurals and quotation
  marks per language (Babel), and the labels of a language pack;
- :mod:`followup.wording.compose`: the sandboxed environment and ``compose``.
"""
