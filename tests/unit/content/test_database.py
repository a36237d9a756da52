"""Opening databases: a ZEO client's ids fetched ahead do not outlive its server."""
from camra.content.database import fresh_oids_on_reconnect


class FakeClient:
    """What ``fresh_oids_on_reconnect`` uses of a ZEO ``ClientStorage``."""

    def __init__(self):
        self._oids = [b'\0' * 7 + b'\x09', b'\0' * 7 + b'\x08']
        self.calls = []

    def notify_connected(self, conn, info):
        self.calls.append('connected')

    def notify_disconnected(self):
        self.calls.append('disconnected')


def test_ids_fetched_ahead_are_dropped_when_the_server_goes_and_comes_back():
    client = FakeClient()
    fresh_oids_on_reconnect(client)
    client.notify_disconnected()
    assert client._oids == [] and client.calls == ['disconnected']
    client._oids.append(b'\0' * 7 + b'\x07')       # fetched from the old server in between
    client.notify_connected(object(), {})
    assert client._oids == [] and client.calls == ['disconnected', 'connected']


def test_other_storages_are_left_alone():
    class FileLike:
        pass
    storage = FileLike()
    fresh_oids_on_reconnect(storage)
    assert vars(storage) == {}
