"""Public participation (公众参与, 2024 work points 四 and 六): the major-decision catalog with its statutory
procedure (``decisions``), consultations on drafts with their adoption reports (``consultations``), government open
days (``opendays``) and policy-implementation evaluations with their questionnaires (``evaluations``). One app, one
subpackage per domain, each with its own models, rules, services, selectors and staff views; what the public reads
is published through the publishing review (``publish``) and shown by the portal through the selectors."""
