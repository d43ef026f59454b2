"""What the documents say: the recommendation catalogue (measures, owners, dimensions, ประเด็น) with the
workspace's layers applied, and the documents' wording (Texts)."""
