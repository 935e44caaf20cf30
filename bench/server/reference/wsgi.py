import predictor as myapp

app = myapp.app
