"""A local S3 server for the tests: moto in server mode on a free port of 127.0.0.1,
started and stopped by the test (no third-party service, nothing leaves the machine)."""

import hashlib

import boto3
from moto.server import ThreadedMotoServer

from tests.redis_servers import free_port

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "ec-test-zugang",
    "AWS_SECRET_ACCESS_KEY": "ec-test-geheim",
    "AWS_S3_REGION_NAME": "eu-central-1",
}


class S3Server:
    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    def environment(self, bucket):
        """The variables an operator sets (README, Configuration)."""
        return {
            **CREDENTIALS,
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
        }

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=CREDENTIALS["AWS_S3_REGION_NAME"],
        )

    def create_bucket(self, name):
        self.client().create_bucket(
            Bucket=name,
            CreateBucketConfiguration={"LocationConstraint": CREDENTIALS["AWS_S3_REGION_NAME"]},
        )
        return name

    def hashes(self, bucket):
        """SHA-256 of every object in the bucket, by key."""
        client = self.client()
        hashes = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for entry in page.get("Contents", []):
                body = client.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()
                hashes[entry["Key"]] = hashlib.sha256(body).hexdigest()
        return hashes
