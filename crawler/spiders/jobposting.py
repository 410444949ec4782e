"""Job boards that mark their ads up with schema.org JobPosting (JSON-LD or microdata)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import extruct
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor

from crawler.extract import html_to_text, parse_datetime
from crawler.items import PostItem
from crawler.spiders.base import SourceSpider


def _walk(node: Any) -> Iterator[dict]:
    """Every dict in extruct output, including @graph members and nested lists."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _is_job(node: dict) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "JobPosting" for k in kinds)


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip() if value else None


def _location(job: dict) -> str:
    places = job.get("jobLocation") or []
    places = places if isinstance(places, list) else [places]
    parts = []
    for place in places:
        address = place.get("address", place) if isinstance(place, dict) else place
        if isinstance(address, dict):
            parts += [str(address[k]) for k in ("addressLocality", "addressRegion",
                                                "addressCountry") if address.get(k)]
        elif isinstance(address, str):
            parts.append(address)
    return ", ".join(dict.fromkeys(_name(p) or p for p in parts))


def _salary(job: dict) -> str:
    salary = job.get("baseSalary")
    if not isinstance(salary, dict):
        return str(salary or "")
    value = salary.get("value", {})
    if isinstance(value, dict):
        amount = value.get("value") or "-".join(
            str(value[k]) for k in ("minValue", "maxValue") if value.get(k))
        unit = value.get("unitText", "")
    else:
        amount, unit = value, ""
    return " ".join(str(p) for p in (salary.get("currency", ""), amount, unit) if p)


def job_images(job: dict) -> list[str]:
    """The URLs of a JobPosting's `image`: a URL, an ImageObject, or a list of either."""
    images = job.get("image") or []
    urls = []
    for image in images if isinstance(images, list) else [images]:
        if isinstance(image, dict):
            image = image.get("contentUrl") or image.get("url")
        if isinstance(image, list):
            image = image[0] if image else None
        if isinstance(image, str) and image.strip():
            urls.append(image.strip())
    return urls


def job_text(job: dict) -> str:
    """The post text of one JobPosting: title, description, and where and what it pays."""
    description = job.get("description") or ""
    lines = [_name(job.get("title")) or "", html_to_text(str(description))]
    if location := _location(job):
        lines.append(f"Lokasi: {location}")
    if salary := _salary(job):
        lines.append(f"Gaji: {salary}")
    return "\n".join(line for line in lines if line).strip()


class JobPostingSpider(SourceSpider):
    name = "jobposting"
    kind = "jobposting"
    platform = "jobboard"

    def parse_start(self, response: Response):
        self.page_seen(response)
        if not isinstance(response, TextResponse):
            return
        # Hand extruct the tree Scrapy already parsed: parsing each page once, not twice.
        data = extruct.extract(response.selector.root, base_url=response.url,
                               syntaxes=["json-ld", "microdata"], uniform=True, errors="log")
        jobs = [node for node in _walk(data) if _is_job(node)]
        evidence = self.evidence(response)
        for index, job in enumerate(jobs):
            text = job_text(job)
            url = job.get("url") if isinstance(job.get("url"), str) else None
            if not url:
                url = response.url if len(jobs) == 1 else f"{response.url}#job-{index + 1}"
            yield PostItem(source=self.source.name, platform=self.platform,
                           url=response.urljoin(url), text=text,
                           author=_name(job.get("hiringOrganization")),
                           posted_at=parse_datetime(_name(job.get("datePosted"))),
                           evidence=evidence,
                           image_urls=[response.urljoin(u) for u in job_images(job)])
        for link in LinkExtractor().extract_links(response):
            if not self.on_site(link.url):
                continue
            yield from self.follow(link.url, self.parse_start, depth=self.depth_of(response) + 1)
