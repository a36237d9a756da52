"""The handbook: its releases (contents, sections, the whole text, PDF,
what changed, comparisons) and, for editors, the working draft.

``/handbook/`` and ``/handbook/<section>`` show the current release;
``/handbook/v1.0/...`` shows release V1.0 for ever. Before the first
release, the published draft sections are shown instead.

``place`` says where a release's pages link to; ``reading`` is the
contents and the sections, ``releases`` a whole release, its PDF and
comparisons, ``draft`` the working draft and cutting a release.
"""
