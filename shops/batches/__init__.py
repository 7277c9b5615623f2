"""Traceability batches (issue 22): a lot of produce a farmer records, with a short unguessable code for its QR
labels. The rows live in shops because orders point at them (an order line records the batch it was shipped
from); the public story page, the labels and the recall list read higher apps and live in `traceability`."""
