"""The insights as a report a person would rather look at than read: charts drawn with
matplotlib (loaded only when a report is made), one self-contained HTML page, or a
PNG picture per chart. The numbers come from ``services.insights``; this package
only draws them and chooses the words."""
