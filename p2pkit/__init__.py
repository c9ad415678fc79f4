"""p2pkit: network models for the *Peer-to-Peer Leadership* companion.

Each module is one idea from the book, named as a reader would name it:

- :mod:`p2pkit.orgs`          organisation shapes (client-server, hierarchy, peer mesh, hybrids)
                              and the classic organisational data sets;
- :mod:`p2pkit.architecture`  client-server against peer-to-peer: paths, load, what survives;
- :mod:`p2pkit.equipotency`   how evenly influence is spread (Freeman, Gini, Krackhardt);
- :mod:`p2pkit.communities`   node communities (detection, modularity);
- :mod:`p2pkit.style`         one palette and node style for every figure;
- :mod:`p2pkit.explorables`   figures a reader can scrub on the static site;
- :mod:`p2pkit.widgets`       live controls for Jupyter and Binder.
"""

from __future__ import annotations

from .errors import DataFileError, P2PKitError

__version__ = "0.1.0"

__all__ = ["P2PKitError", "DataFileError", "__version__"]
