"""The extractor against the hand-marked sample articles: the issue's targets, held (bench/entities.py
prints the figures)."""
from testkit.entity_gold import score


def test_people_and_organisations_meet_their_targets():
    scores = score()
    people, orgs, places = scores["person"], scores["org"], scores["place"]
    assert people.marked >= 60 and orgs.marked >= 150  # the judged set is all there
    assert people.precision >= 0.9 and people.recall >= 0.8, (people.wrong, people.missed)
    assert orgs.precision >= 0.85 and orgs.recall >= 0.7, (orgs.wrong, orgs.missed)
    assert places.precision >= 0.85 and places.recall >= 0.8, (places.wrong, places.missed)
