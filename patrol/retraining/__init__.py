"""The analysts' loop: reviewers' decisions as labelled data, the frozen evaluation set,
comparing and promoting models, live estimates of quality, drift, and rescoring."""
