"""Settings: defaults, ini file, CAMRA_* environment, generated secret."""
import os
import stat

from camra.site import settings


def test_environment_overrides_ini_and_defaults(tmp_path):
    ini = tmp_path / 'site.ini'
    ini.write_text('[app:main]\nuse = egg:camra\nport = 7000\nvar = %(here)s/data\npage_size = 5\n')
    loaded = settings.load(str(ini), environ={'CAMRA_PORT': '7100', 'CAMRA_SITE_NAME': '宁波市二手车流通协会'})
    assert loaded['port'] == '7100' and loaded['page_size'] == '5'
    assert loaded['var'] == str(tmp_path / 'data') and os.path.isdir(loaded['var'])
    assert loaded['site.name'] == '宁波市二手车流通协会'
    assert loaded['zodbconn.uri'].startswith(f"file://{tmp_path / 'data' / 'Data.fs'}?blobstorage_dir=")


def test_camra_var_chooses_the_data_folder(tmp_path):
    loaded = settings.load(environ={'CAMRA_VAR': str(tmp_path / 'v'), 'CAMRA_ZODBCONN_URI': 'zeo://localhost:9100'})
    assert loaded['var'] == str(tmp_path / 'v')
    assert loaded['zodbconn.uri'] == 'zeo://localhost:9100?connection_cache_size_bytes=2097152'   # 8 MB / 4 threads


def test_the_object_caches_share_a_byte_budget_unless_the_uri_sets_one(tmp_path):
    env = {'CAMRA_VAR': str(tmp_path), 'CAMRA_THREADS': '8', 'CAMRA_ZODB_CACHE_MB': '128'}
    assert settings.load(environ=env)['zodbconn.uri'].endswith('&connection_cache_size_bytes=16777216')
    own = 'zeo://db:8100?connection_cache_size_bytes=1000000'
    assert settings.load(environ={**env, 'CAMRA_ZODBCONN_URI': own})['zodbconn.uri'] == own
    assert 'connection_cache_size_bytes' not in settings.load(environ={**env, 'CAMRA_ZODB_CACHE_MB': '0'})['zodbconn.uri']


def test_secret_is_generated_once_private_and_kept(tmp_path):
    first = settings.load(environ={'CAMRA_VAR': str(tmp_path)})
    again = settings.load(environ={'CAMRA_VAR': str(tmp_path)})
    assert len(first['secret']) == 64 and first['secret'] == again['secret']
    mode = stat.S_IMODE(os.stat(tmp_path / 'secret').st_mode)
    assert mode == 0o600
    other = settings.load(environ={'CAMRA_VAR': str(tmp_path / 'other')})
    assert other['secret'] != first['secret']


def test_a_new_data_folder_is_readable_by_its_owner_only(tmp_path):
    values = {'var': str(tmp_path / 'var')}
    settings.finish(values)
    assert stat.S_IMODE(os.stat(values['var']).st_mode) == 0o700
