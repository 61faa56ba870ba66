"""Export: the standalone site's mkdocs.yml holds what the project's config means, read as MkDocs reads it."""
from __future__ import annotations

import yaml

from handbook import export


class _Loader(yaml.SafeLoader):
    """Reads the written config, keeping each !relative tag as ("!relative", its value)."""


_Loader.add_constructor("!relative", lambda loader, node: ("!relative", node.value))


def test_standalone_config_resolves_env_inherit_and_relative(minimal_content, monkeypatch):
    project = minimal_content.parent
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "base.yml").write_text("site_name: Base name\ntheme:\n  name: material\n  language: en\n",
                                      encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        "site_url: !ENV [HB_TEST_SITE_URL, 'https://default.example/']\n"
        "theme:\n  language: fr\n"
        "hooks: [hooks/mkdocs_hooks.py]\n"
        "markdown_extensions:\n"
        "  - pymdownx.snippets:\n      base_path: [!relative $config_dir/snippets, !relative $docs_dir]\n",
        encoding="utf-8")
    monkeypatch.setenv("HB_TEST_SITE_URL", "https://handbook.test/")
    export(minimal_content, project / "out", project / "mkdocs.yml")
    written = (project / "out" / "mkdocs.yml").read_text(encoding="utf-8")
    cfg = yaml.load(written, Loader=_Loader)
    assert cfg["site_name"] == "Base name"  # inherited
    assert cfg["theme"] == {"name": "material", "language": "fr"}  # merged, the child's value wins
    assert cfg["site_url"] == "https://handbook.test/"  # the build machine's value, resolved at export
    assert "hooks" not in cfg and cfg["docs_dir"] == "docs"
    assert cfg["markdown_extensions"][0]["pymdownx.snippets"]["base_path"] == [str(project / "snippets"),
                                                                                ("!relative", "$docs_dir/")]
    assert cfg["nav"] == [{"Home": "index.md"}, {"Demo Publication": ["demo/index.md",
                                                                   {"Tools": [{"Tool 1: Demo Tool": "demo/tool-01.md"}]}]},
                          {"My assessments": "assessments.md"}, {"Report": "report.md"},
                          {"Compare rounds": "compare.md"}]
    assert (project / "out" / "docs" / "demo" / "tool-01.md").is_file()


def test_export_with_a_missing_or_bad_config_says_so_and_writes_nothing(minimal_content, tmp_path, capsys):
    from handbook.__main__ import main

    out = tmp_path / "export"
    missing = tmp_path / "nowhere.yml"
    assert main(["--content", str(minimal_content), "export", str(out), "--config", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {missing}: cannot be read (") and "Traceback" not in err
    bad = tmp_path / "bad.yml"
    bad.write_text("site_name: [unclosed\n", encoding="utf-8")
    assert main(["--content", str(minimal_content), "export", str(out), "--config", str(bad)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {bad}: MkDocs encountered an error parsing")
    bad.write_text("INHERIT: base.yml\n", encoding="utf-8")
    assert main(["--content", str(minimal_content), "export", str(out), "--config", str(bad)]) == 1
    assert "base.yml' does not exist" in capsys.readouterr().err
    assert not out.exists()  # stopped before writing any page
