// What a consumer's app imports: the built package, through its `define` entry point.
import '@portcullis/elements/define';
