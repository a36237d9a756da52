"""Files attached to items, stored as ZODB blobs."""
import hashlib
import mimetypes

from persistent import Persistent
from ZODB.blob import Blob


class Attachment(Persistent):
    """A file kept in a ZODB blob with its original (often Chinese) filename."""

    def __init__(self, filename, data, content_type=None):
        self.filename = filename
        self.content_type = (content_type
                             or mimetypes.guess_type(filename)[0]
                             or 'application/octet-stream')
        self.size = len(data)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.blob = Blob()
        with self.blob.open('w') as f:
            f.write(data)

    def read(self):
        """Return the file's bytes."""
        with self.blob.open('r') as f:
            return f.read()

    def __eq__(self, other):
        # Equal content means equal attachment: a re-import of the same file
        # must not count as a change.
        return (isinstance(other, Attachment)
                and (self.filename, self.content_type, self.sha256)
                == (other.filename, other.content_type, other.sha256))

    def __hash__(self):
        return hash(self.sha256)
