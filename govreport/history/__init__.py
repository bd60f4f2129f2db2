"""Year over year: every report is written against last year's.

- `nextyear`: start next year's file from last year's (`govreport init --from`), carrying over
  what must carry over and copying no text;
- `statdiff` and `diffout`: compare the statistics of two years (`govreport diff`);
- `similarity`: catch narrative copied from last year (rule X-SIMILAR, 内容雷同).

Nothing is imported here, so `crossyear` can use `similarity` without an import cycle.
"""
