"""Print the README's settings tables: `python -m settings_table`."""

from settings_table import markdown_table, scrapy_markdown_table

print(markdown_table())
print(scrapy_markdown_table(), end="")
