import pytest

from camra.site.hosts import HostError, _hostname, accepted_hosts, base_url


@pytest.mark.parametrize('host, name', [
    ('Example.ORG', 'example.org'), ('example.org:8080', 'example.org'),
    ('[::1]:6543', '::1'), ('[::1]', '::1'), ('::1', '::1'), ('', ''),
])
def test_hostname_drops_the_port_and_folds_case(host, name):
    assert _hostname(host) == name


def test_accepted_hosts_are_loopback_site_url_site_hosts_and_the_listening_address():
    hosts = accepted_hosts({'site.url': 'https://www.camra.example:8443', 'site.hosts': 'A.example, b.example',
                            'host': '192.0.2.5'})
    assert hosts == {'localhost', '127.0.0.1', '::1', 'www.camra.example', 'a.example', 'b.example', '192.0.2.5'}
    assert '0.0.0.0' not in accepted_hosts({'host': '0.0.0.0'})


def test_base_url_is_scheme_and_host_of_a_site_root():
    assert base_url({}) is None
    assert base_url({'site.url': 'https://WWW.camra.example/'}) == ('https', 'www.camra.example')
    with pytest.raises(HostError):
        base_url({'site.url': 'https://camra.example/?a=1'})
