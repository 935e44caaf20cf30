"""The template's toy model behind Flask, as the BYO example's predictor.py would serve it."""

import flask

app = flask.Flask(__name__)


@app.route("/ping", methods=["GET"])
def ping():
    return flask.Response(response="\n", status=200, mimetype="application/json")


@app.route("/invocations", methods=["POST"])
def invocations():
    if flask.request.content_type != "application/json":
        return flask.Response(response="This predictor only supports JSON data", status=415)
    data = flask.request.get_json()
    predictions = [
        {"output_field": f"{i['field1']}:{float(i['field2']) * 2.0}"} for i in data["instances"]
    ]
    return flask.jsonify(predictions=predictions)
