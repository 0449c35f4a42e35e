"""Calls the emulator the way simple_salesforce does (its api.py: headers, URLs with trailing slashes,
json.dumps bodies, query_more by URL, the Sforce-Limit-Info regex) with requests, and prints a JSON report.
Environment: INSTANCE_URL, ACCESS_TOKEN, CA_FILE (the emulator's certificate, verified, never skipped)."""
import json
import os
import re
import sys
from urllib.parse import urljoin, urlparse

import requests

instance = urlparse(os.environ["INSTANCE_URL"]).netloc
base_url = f"https://{instance}/services/data/v66.0/"
session = requests.Session()
session.verify = os.environ["CA_FILE"]
session.headers.update(
    {
        "Content-Type": "application/json",
        "Authorization": "Bearer " + os.environ["ACCESS_TOKEN"],
        "X-PrettyPrint": "1",
    }
)
report = {}


def call(method, url, **kwargs):
    result = session.request(method, url, **kwargs)
    usage = re.match(r"[^-]?api-usage=(?P<used>\d+)/(?P<tot>\d+)", result.headers.get("Sforce-Limit-Info", ""))
    if usage:
        report["api_usage"] = {"used": int(usage.group("used")), "total": int(usage.group("tot"))}
    return result


def body(result):
    return result.json() if result.content else None


report["describe"] = [s["name"] for s in call("GET", base_url + "sobjects").json()["sobjects"]]
contact_url = base_url + "sobjects/Contact/"
report["metadata"] = sorted(call("GET", contact_url).json().keys())
report["describe_contact"] = call("GET", urljoin(contact_url, "describe")).json()["name"]

created = call("POST", contact_url, data=json.dumps({"LastName": "Python", "Email": "py@example.com"}))
record_id = created.json()["id"]
report["create"] = {"status": created.status_code, "body": created.json()}
report["get"] = call("GET", urljoin(contact_url, record_id)).json()["Name"]
report["update_status"] = call("PATCH", urljoin(contact_url, record_id), data=json.dumps({"Title": "Tester"})).status_code
# upsert("Id/<id>", data): PATCH to the Id path, answered with its result from API 46.0.
upserted = call("PATCH", urljoin(contact_url, "Id/" + record_id), data=json.dumps({"Title": "Upserted"}))
report["upsert_by_id"] = {"status": upserted.status_code, "body": upserted.json()}
missing = call("POST", contact_url, data=json.dumps({"FirstName": "Only"}))
report["error"] = {"status": missing.status_code, "body": missing.json()}
report["delete_status"] = call("DELETE", urljoin(contact_url, record_id)).status_code

result = call("GET", base_url + "query/", params={"q": "SELECT Id FROM Contact"})
page = result.json()
records = list(page["records"])
while not page["done"]:
    page = call("GET", f"https://{instance}{page['nextRecordsUrl']}").json()
    records.extend(page["records"])
report["query_all_pages"] = {"totalSize": page["totalSize"], "fetched": len(records)}

# query_more(locator, identifier_is_url=False, include_deleted=True): the locator alone, after queryAll/.
first = call("GET", base_url + "queryAll/", params={"q": "SELECT Id FROM Contact"}).json()
more = call("GET", base_url + "queryAll/" + first["nextRecordsUrl"].split("/")[-1]).json()
report["query_more_by_locator"] = {"first": len(first["records"]), "more": len(more["records"]), "done": more["done"]}
# is_sandbox() and oauth2("userinfo"), on the instance as simple_salesforce builds them.
sandbox = call("GET", base_url + "query/", params={"q": "SELECT IsSandbox FROM Organization LIMIT 1"})
report["is_sandbox"] = sandbox.json()["records"][0]["IsSandbox"]
report["userinfo"] = call("GET", f"https://{instance}/services/oauth2/userinfo").json()["user_id"]

deleted = call("GET", base_url + "queryAll/", params={"q": f"SELECT Id, IsDeleted FROM Contact WHERE Id = '{record_id}'"})
report["include_deleted"] = [r["IsDeleted"] for r in deleted.json()["records"]]
# set_password: POST sobjects/User/<id>/password with {"NewPassword": ...}, a resource every org has.
user_id = os.environ["USER_ID"]
password = call("POST", f"{base_url}sobjects/User/{user_id}/password", data=json.dumps({"NewPassword": "x"}))
report["set_password"] = {"status": password.status_code, "body": password.json()}
limits = call("GET", base_url + "limits/")
report["limits"] = limits.json()["DailyApiRequests"]
report["cache_control"] = limits.headers.get("Cache-Control")

json.dump(report, sys.stdout)
