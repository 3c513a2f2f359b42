"""Block texts: the sandboxed Jinja2 environment that renders a layout's (and the web page's)
templates, and the small inline markup content may carry. Below inputs, which checks block
texts while reading a layout, and below compose, which renders them per job."""
