"""Replica sites of the platform families real provincial union, council and newspaper sites run on.

Real HTTP servers on 127.0.0.x (one host per family), deterministic content, and a truth manifest
per site, so a crawl test can check "every article exactly once, nothing else stored":

    with serve("dnn") as replica:          # or ReplicaServer(ReplicaSite("dnn", 200)).start()
        crawl(replica.url + "/")
        truth = replica.manifest()          # articles with their URLs, aliases, print views ...
        replica.site.classify(stored_url)   # Route(kind="article"|"alias"|"print"|..., article=...)
        judge(replica.site, stored_urls)    # Verdict: missing, duplicated, not_articles; .exact

`python -m testkit.replicas` serves them all and prints their URLs. Families: shapes.SHAPES.
"""
from testkit.replicas.server import HOSTS, ReplicaServer, serve
from testkit.replicas.shapes import FAMILIES, SHAPES
from testkit.replicas.site import ARTICLE_KINDS, ReplicaSite, Route
from testkit.replicas.verdict import Verdict, judge

__all__ = ["ARTICLE_KINDS", "FAMILIES", "HOSTS", "SHAPES", "ReplicaServer", "ReplicaSite", "Route", "Verdict", "judge",
           "serve"]
