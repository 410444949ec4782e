"""Ids in addresses (`/items/{item_id:id}`): digits, at most nine of them.

A longer number is no row that exists (ids are 32-bit on PostgreSQL) and would overflow the
database's integer, so such an address is simply not found, as is `/items/abc`.
"""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor


class IdConvertor(Convertor[int]):
    regex = "[0-9]{1,9}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("id", IdConvertor())
